package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
)

func (l *loader) validateSources(c *Config) {
	seen := map[string]string{}
	for i, s := range c.Sources {
		p := fmt.Sprintf("sources[%d]", i)
		if l.checkSlug(p+".name", s.Name) {
			if first, dup := seen[s.Name]; dup {
				l.errorf(p+".name", "duplicate source name %q (also %s)", s.Name, first)
			}
			seen[s.Name] = p
		}
		if s.Kind == "" {
			l.errorf(p+".kind", "required: html or feed")
		} else {
			l.oneOf(p+".kind", s.Kind, "html", "feed")
		}
		if s.URL == "" {
			l.errorf(p+".url", "required")
		} else {
			l.checkURL(p+".url", s.URL)
		}
		if s.Schedule == "" {
			l.errorf(p+".schedule", "required: a cron expression such as \"*/15 * * * *\" or @hourly")
		} else {
			l.checkSchedule(p+".schedule", s.Schedule)
		}
		l.positive(p+".backfill_pages", s.BackfillPages < 0, s.BackfillPages)
		if s.Selectors != nil {
			l.checkSelectors(p+".selectors", *s.Selectors)
		}
		l.checkPageParam(p, s)
		l.checkMirrorHosts(p, s)
	}
}

var queryKeyRE = regexp.MustCompile(`^[A-Za-z0-9_.\-\[\]]+$`)

// checkPageParam wants a plain query parameter name, on feed sources only
// (html sources follow the listing's own next-page links).
func (l *loader) checkPageParam(p string, s Source) {
	switch {
	case s.PageParam == "":
	case s.Kind == "html":
		l.errorf(p+".page_param", "only for kind feed: html sources follow the listing's next-page links (selectors.next_page)")
	case !queryKeyRE.MatchString(s.PageParam):
		l.errorf(p+".page_param", "want a query parameter name such as page, got %q", s.PageParam)
	}
}

func (l *loader) checkSelectors(p string, s Selectors) {
	check := func(key, sel string) {
		if sel == "" {
			return
		}
		if _, err := cascadia.Compile(sel); err != nil {
			l.errorf(p+"."+key, "bad CSS selector %q: %v", sel, err)
		}
	}
	check("article_link", s.ArticleLink)
	check("next_page", s.NextPage)
	check("title", s.Title)
	check("published", s.Published)
	check("body", s.Body)
	check("image", s.Image)
	for i, r := range s.Remove {
		check(fmt.Sprintf("remove[%d]", i), r)
	}
}

// checkMirrorHosts wants host names (with an optional port) in mirror_hosts
// and allowed_hosts, each once, none the source's own host.
func (l *loader) checkMirrorHosts(p string, s Source) {
	own := ""
	if u, err := url.Parse(s.URL); err == nil {
		own = bareHost(u.Host)
	}
	l.checkHostList(p+".mirror_hosts", s.MirrorHosts, own)
	l.checkHostList(p+".allowed_hosts", s.AllowedHosts, own)
}

func (l *loader) checkHostList(path string, hosts []string, own string) {
	seen := map[string]int{}
	for i, h := range hosts {
		key := fmt.Sprintf("%s[%d]", path, i)
		u, err := url.Parse("http://" + h)
		switch {
		case h == "" || err != nil || u.Host != h || u.Hostname() == "" || u.User != nil:
			l.errorf(key, "want a host name such as mirror.example.org (optionally with :port), got %q", h)
		case bareHost(h) == own:
			l.errorf(key, "%q is the source's own host", h)
		default:
			if first, dup := seen[bareHost(h)]; dup {
				l.errorf(key, "%q given twice (also [%d])", h, first)
			}
			seen[bareHost(h)] = i
		}
	}
}

// bareHost is a host without "www." and in lower case, the way article keys
// spell it.
func bareHost(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }
