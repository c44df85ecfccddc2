package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// FuzzRender feeds arbitrary scraped strings through every format: the XML
// must stay well-formed with only XML 1.0 characters, the JSON valid.
func FuzzRender(f *testing.F) {
	f.Add("<script>alert(1)</script> & Co\f 🎉", "lead\x00", "<p>]]></p>\x01", "guid", "https://a.example/x", int64(0))
	f.Add("\xff\xfe", "", "<a href='javascript:x'>x</a>", "", "/relative", int64(-1))
	f.Add("\uFFFE\uFFFF", "\U0010FFFF", "<img src=x onerror=alert(1)>", "urn:x", "", int64(48213))
	s := Site{Title: "T & <x>", BaseURL: "https://news.example.org", Language: "de",
		Location: time.UTC, Hub: "https://hub.example.net/", Partners: map[string]string{"p": "P\x0c"}, MaxItems: 50}
	ch := Channel{Slug: "p", Title: "T\x0b", Description: "D", HTMLURL: "https://news.example.org/partners/p"}
	f.Fuzz(func(t *testing.T, title, lead, body, guid, link string, length int64) {
		a := store.Article{ID: 1, URL: link, GUID: guid, Title: title, Lead: lead, BodyHTML: body, BodyText: body,
			Language: lead, PublishedAt: time.Unix(1669244400, 0), UpdatedAt: time.Unix(1669244500, 0),
			Images: []store.Image{{URL: link, Caption: title, Credit: lead, Length: length}}, Tags: []store.Tag{{Partner: "p"}}}
		for _, format := range Formats {
			out, err := Render(s, ch, []store.Article{a}, format)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if !utf8.Valid(out) {
				t.Fatalf("%s: invalid UTF-8", format)
			}
			// An enclosure's length is the image's, never 0 or negative;
			// RSS has no enclosure without one.
			if bytes.Contains(out, []byte(`length="0"`)) || bytes.Contains(out, []byte(`length="-`)) ||
				bytes.Contains(out, []byte(`"size_in_bytes": 0`)) || bytes.Contains(out, []byte(`"size_in_bytes": -`)) {
				t.Fatalf("%s: enclosure length 0 or negative:\n%s", format, out)
			}
			if format == RSS && length <= 0 && bytes.Contains(out, []byte("<enclosure")) {
				t.Fatalf("RSS enclosure without a known length:\n%s", out)
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

// FuzzConditionalHeaders parses arbitrary Accept-Encoding and If-None-Match
// values: the parsers of the hot path (no allocation) decide as the plain
// reading of the header grammar below does.
func FuzzConditionalHeaders(f *testing.F) {
	f.Add("gzip;q=0.5, br", `"a", W/"b"`)
	f.Add("*;q=0, gzip;q=", "*")
	f.Add("GZIP, x-gzip;q=0", ` W/"x" ,`)
	r := NewRendered([]byte("body"), "text/plain", "no-cache", time.Unix(1, 0))
	f.Fuzz(func(t *testing.T, ae, inm string) {
		gz := acceptsGzip([]string{ae})
		if want := acceptsGzipSpec(ae); gz != want {
			t.Fatalf("acceptsGzip(%q) = %v, want %v", ae, gz, want)
		}
		match := etagMatches(inm, r.ETag, r.GzipETag)
		if want := etagMatchesSpec(inm, r.ETag, r.GzipETag); match != want {
			t.Fatalf("etagMatches(%q) = %v, want %v", inm, match, want)
		}
		if strings.TrimSpace(inm) == r.ETag && !match {
			t.Fatal("own ETag did not match")
		}
		if gz && !strings.Contains(strings.ToLower(ae), "gzip") && !strings.Contains(ae, "*") {
			t.Fatalf("gzip chosen for %q", ae)
		}
		req, _ := http.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", ae)
		req.Header.Set("If-None-Match", inm)
		if got := r.notModified(req.Header); inm != "" && got != match {
			t.Fatalf("notModified = %v with If-None-Match %q", got, inm)
		}
	})
}

// acceptsGzipSpec: the codings of Accept-Encoding, split at commas, each
// with an optional q parameter; gzip (or x-gzip, any case) decides when
// named, else *.
func acceptsGzipSpec(ae string) bool {
	gzip, star := -1.0, -1.0
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(part, ";")
		q := 1.0
		if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
				q = f
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip", "x-gzip":
			gzip = q
		case "*":
			star = q
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// etagMatchesSpec: If-None-Match split at commas, W/ ignored, * matching all.
func etagMatchesSpec(list string, tags ...string) bool {
	for _, c := range strings.Split(list, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" || slices.Contains(tags, c) {
			return true
		}
	}
	return false
}
