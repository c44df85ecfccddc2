package config

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// reservedSlugs name things other than a partner (the combined feed is "all").
var reservedSlugs = map[string]bool{"all": true}

func (l *loader) validatePartners(c *Config) {
	if len(c.Partners) == 0 {
		l.errorf("partners", "required: at least one partner city")
	}
	seen := map[string]string{}
	for i, pt := range c.Partners {
		p := fmt.Sprintf("partners[%d]", i)
		if l.checkSlug(p+".slug", pt.Slug) {
			if first, dup := seen[pt.Slug]; dup {
				l.errorf(p+".slug", "duplicate partner slug %q (also %s)", pt.Slug, first)
			}
			if reservedSlugs[pt.Slug] {
				l.errorf(p+".slug", "%q is reserved (the feed of all partners)", pt.Slug)
			}
			seen[pt.Slug] = p
		}
		if len(pt.Names) == 0 {
			l.errorf(p+".names", "required: at least one name, keyed by language (de: Dünkirchen)")
		}
		for _, tag := range sortedKeys(pt.Names) {
			l.checkLanguage(p+".names."+tag, tag)
			if strings.TrimSpace(pt.Names[tag]) == "" {
				l.errorf(p+".names."+tag, "empty name")
			}
		}
		l.checkLanguage(p+".language", pt.Language)
		if pt.Country != "" {
			if _, err := language.ParseRegion(pt.Country); err != nil || len(pt.Country) != 2 || strings.ToUpper(pt.Country) != pt.Country {
				l.errorf(p+".country", "want an ISO 3166-1 code such as FR, got %q", pt.Country)
			}
		}
		for j, a := range pt.Aliases {
			if strings.TrimSpace(a) == "" {
				l.errorf(fmt.Sprintf("%s.aliases[%d]", p, j), "empty alias")
			}
		}
	}
}

// checkPartnerRef reports a slug that names no partner.
func (l *loader) checkPartnerRef(c *Config, path, slug string) {
	if _, ok := c.Partner(slug); !ok {
		l.errorf(path, "unknown partner %q (known: %s)", slug, strings.Join(partnerSlugs(c), ", "))
	}
}

func partnerSlugs(c *Config) []string {
	out := make([]string, len(c.Partners))
	for i, p := range c.Partners {
		out[i] = p.Slug
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
