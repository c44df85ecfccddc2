package tag

import (
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
)

// newLookupMatcher matches a partner's slug, names and aliases.
func newLookupMatcher(partners []config.Partner) *matcher {
	all := make([]config.Partner, len(partners))
	for i, p := range partners {
		q := p
		q.Aliases = append(append([]string{p.Slug}, aliasesOf(p)...), namesOf(p)...)
		q.Exclude = nil
		all[i] = q
	}
	return newMatcher(all)
}

// Lookup finds the partner a user means by a slug or any name form
// ("dunkerque", "Dünkirchen", "Duenkirchen", "Dünkirchens", "Kirowohrad"),
// matched like the tagger matches names: case, diacritics, inflections and
// typos in long names tolerated. A name that fits several partners, or none,
// is not found.
func (t *Tagger) Lookup(name string) (slug string, ok bool) {
	toks := tokenize(clean(strings.TrimSpace(name)))
	if len(toks) == 0 {
		return "", false
	}
	for i := range toks {
		toks[i].upper = true // users type names in lowercase
	}
	found := -1
	for _, m := range t.lookup.find(toks, nil) {
		if found >= 0 && found != m.partner {
			return "", false
		}
		found = m.partner
	}
	if found < 0 {
		return "", false
	}
	return t.partners[found].Slug, true
}

// partnerIndex returns the index of the partner with the slug.
func (t *Tagger) partnerIndex(slug string) (int, bool) {
	for i, p := range t.partners {
		if p.Slug == slug {
			return i, true
		}
	}
	return -1, false
}
