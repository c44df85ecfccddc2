package tag

import (
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// FuzzTag feeds arbitrary text to the document parsers, the tagger and
// Lookup: nothing may panic, results must be valid (known slugs, scores at or
// above the threshold, sorted, evidence as JSON agreeing with the result) and
// the same input must give the same output.
func FuzzTag(f *testing.F) {
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		f.Fatal(err)
	}
	// Short seeds: the fuzzer minimizes every new interesting input, which
	// takes long on a whole page.
	f.Add(string(seed[:1500]))
	f.Add(string(seed[len(seed)-1500:]))
	html, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(html))
	for _, e := range loadCorpus(f, "testdata/corpus/dev.txt")[1:12] {
		f.Add(e.text)
	}
	for _, s := range []string{"", "Inhaltsbereich", "Dün\u00adkirchen- \n kirchen", "Kropywnyzkyjy Parnerstadt",
		"\xff\xfe Venlo\x00", "Weitere Beiträge:\nVenlo", "Leiden. Leiden! leiden? «Leiden»", "Bild:", "Foto: x\nBild:\nBild:"} {
		f.Add(s)
	}
	tg := New(krefeldPartners(f))
	slugs := map[string]bool{}
	for _, p := range tg.partners {
		slugs[p.Slug] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		third := len(s) / 3
		docs := []Document{ParseText(s), {Title: s[:third], Lead: s[third : 2*third], Body: s[2*third:], Captions: []string{s[third:], s[third:]}, Ignored: s}}
		if h, err := ParseHTML(strings.NewReader(s)); err == nil {
			docs = append(docs, h)
		}
		for _, d := range docs {
			res := tg.Tag(d)
			for i, r := range res {
				if !slugs[r.Partner] || r.Score < Threshold || (i > 0 && r.Score > res[i-1].Score) {
					t.Fatalf("bad result %d: %+v", i, r)
				}
				var e Evidence
				if err := json.Unmarshal([]byte(r.Evidence), &e); err != nil || e.Partner != r.Partner || e.Score != r.Score || !e.Tagged {
					t.Fatalf("evidence %q: %v", r.Evidence, err)
				}
			}
			if again := tg.Tag(d); !reflect.DeepEqual(res, again) {
				t.Fatalf("not deterministic: %+v vs %+v", res, again)
			}
			WriteExplain(io.Discard, tg.Explain(d))
		}
		if slug, ok := tg.Lookup(s); ok != slugs[slug] {
			t.Fatalf("Lookup(%q) = %q, %v", s, slug, ok)
		}
	})
}
