package ingest

import (
	"bytes"
	"encoding/json"
	"html"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// listingPage turns the answer of a load-more endpoint into a page that
// ParseListing reads: JSON whose strings hold HTML teasers, or whose objects
// hold an article's URL and title, with its next endpoint as rel=next. Any
// other body (an HTML page) is returned as it is.
func listingPage(body []byte) []byte {
	t := bytes.TrimSpace(body)
	if len(t) == 0 || t[0] != '{' && t[0] != '[' {
		return body
	}
	var v any
	if err := json.Unmarshal(t, &v); err != nil {
		return body
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body><main>")
	walkJSON(v, &b, 0)
	b.WriteString("</main></body></html>")
	return []byte(b.String())
}

// jsonURLKeys name an item's link, jsonTitleKeys its title, jsonNextKeys the
// next endpoint.
var (
	jsonURLKeys   = []string{"url", "link", "href", "permalink", "path"}
	jsonTitleKeys = []string{"title", "headline", "titre", "titel", "heading", "name", "naam", "label"}
	jsonNextKeys  = []string{"next", "next_url", "nexturl", "next_page_url", "nextpageurl", "more", "load_more", "loadmore"}
)

func walkJSON(v any, b *strings.Builder, depth int) {
	if depth > 20 {
		return
	}
	switch v := v.(type) {
	case string:
		if !strings.Contains(v, "<") {
			v = html.UnescapeString(v) // HTML sent escaped
		}
		if isHTML(v) {
			b.WriteString(v)
		}
	case []any:
		for _, e := range v {
			walkJSON(e, b, depth+1)
		}
	case map[string]any:
		item := map[string]string{}
		for k, e := range v {
			if s, ok := e.(string); ok {
				item[strings.ToLower(k)] = s
			}
		}
		for _, k := range jsonNextKeys {
			if s := item[k]; s != "" && !strings.Contains(s, "<") {
				b.WriteString(`<a rel="next" href="` + html.EscapeString(s) + `"></a>`)
				delete(item, k)
			}
		}
		if link, title := pick(item, jsonURLKeys), pick(item, jsonTitleKeys); link != "" && !strings.Contains(link, "<") {
			if title == "" {
				title = link
			}
			b.WriteString(`<article><h2><a href="` + html.EscapeString(link) + `">` + html.EscapeString(title) + `</a></h2></article>`)
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			e := v[k]
			if _, plain := item[strings.ToLower(k)]; plain && !isHTML(item[strings.ToLower(k)]) {
				continue
			}
			walkJSON(e, b, depth+1)
		}
	}
}

// isHTML reports whether a JSON string holds markup (maybe escaped).
func isHTML(s string) bool {
	return strings.Contains(s, "<") && strings.Contains(s, ">") || strings.Contains(s, "&lt;") && strings.Contains(s, "&gt;")
}

func pick(m map[string]string, keys []string) string {
	for _, k := range keys {
		if m[k] != "" {
			return m[k]
		}
	}
	return ""
}

// raiseOffset is the next call of a load-more endpoint: its offset
// parameter (offset, start, skip, from) raised by n teasers, else its page
// parameter raised by one; "" when it has neither.
func raiseOffset(endpoint string, n int) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return ""
	}
	q := u.Query()
	keys := slices.Sorted(maps.Keys(q))
	for _, pass := range []func(string) bool{offsetParam.MatchString, pageParam.MatchString} {
		for _, k := range keys {
			v, err := strconv.Atoi(q.Get(k))
			if err != nil || !pass(k) {
				continue
			}
			if offsetParam.MatchString(k) {
				v += n
			} else {
				v++
			}
			q.Set(k, strconv.Itoa(v))
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return ""
}

// pageParam names query parameters that count pages.
var pageParam = regexp.MustCompile(`(?i)(page|seite|pagina|^p$)`)
