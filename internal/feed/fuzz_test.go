package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// FuzzRender feeds arbitrary scraped strings through every format: the XML
// must stay well-formed with only XML 1.0 characters, the JSON valid.
func FuzzRender(f *testing.F) {
	f.Add("<script>alert(1)</script> & Co\f 🎉", "lead\x00", "<p>]]></p>\x01", "guid", "https://a.example/x")
	f.Add("\xff\xfe", "", "<a href='javascript:x'>x</a>", "", "/relative")
	f.Add("\uFFFE\uFFFF", "\U0010FFFF", "<img src=x onerror=alert(1)>", "urn:x", "")
	s := Site{Title: "T & <x>", BaseURL: "https://news.example.org", Language: "de",
		Location: time.UTC, Hub: "https://hub.example.net/", Partners: map[string]string{"p": "P\x0c"}, MaxItems: 50}
	ch := Channel{Slug: "p", Title: "T\x0b", Description: "D", HTMLURL: "https://news.example.org/partners/p"}
	f.Fuzz(func(t *testing.T, title, lead, body, guid, link string) {
		a := store.Article{ID: 1, URL: link, GUID: guid, Title: title, Lead: lead, BodyHTML: body, BodyText: body,
			Language: lead, PublishedAt: time.Unix(1669244400, 0), UpdatedAt: time.Unix(1669244500, 0),
			Images: []store.Image{{URL: link, Caption: title, Credit: lead}}, Tags: []store.Tag{{Partner: "p"}}}
		for _, format := range Formats {
			out, err := Render(s, ch, []store.Article{a}, format)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if !utf8.Valid(out) {
				t.Fatalf("%s: invalid UTF-8", format)
			}
			if format == JSON {
				if !json.Valid(out) {
					t.Fatalf("invalid JSON: %s", out)
				}
				continue
			}
			for _, r := range string(out) {
				if !xmlChar(r) {
					t.Fatalf("%s: character %U outside XML 1.0", format, r)
				}
			}
			dec := xml.NewDecoder(bytes.NewReader(out))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s not well-formed: %v\n%s", format, err, out)
				}
			}
		}
	})
}

// FuzzConditionalHeaders parses arbitrary Accept-Encoding and If-None-Match values.
func FuzzConditionalHeaders(f *testing.F) {
	f.Add("gzip;q=0.5, br", `"a", W/"b"`)
	f.Add("*;q=0, gzip;q=", "*")
	r := NewRendered([]byte("body"), "text/plain", "no-cache", time.Unix(1, 0))
	f.Fuzz(func(t *testing.T, ae, inm string) {
		gz := acceptsGzip([]string{ae})
		match := etagMatches(inm, r.ETag, r.GzipETag)
		if strings.TrimSpace(inm) == r.ETag && !match {
			t.Fatal("own ETag did not match")
		}
		if gz && !strings.Contains(strings.ToLower(ae), "gzip") && !strings.Contains(ae, "*") {
			t.Fatalf("gzip chosen for %q", ae)
		}
		req, _ := http.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", ae)
		req.Header.Set("If-None-Match", inm)
		_ = r.notModified(req)
	})
}
