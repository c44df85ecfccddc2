package tag

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// corpusEntry is one labelled text of testdata/corpus.
type corpusEntry struct {
	id     string
	expect []string
	text   string
}

// loadCorpus reads a corpus file: entries start with "#### <id> | expect: a,b" (- for none).
func loadCorpus(t testing.TB, path string) []corpusEntry {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusEntry
	for _, chunk := range strings.Split("\n"+string(b), "\n#### ")[1:] {
		head, text, _ := strings.Cut(chunk, "\n")
		id, exp, ok := strings.Cut(head, " | expect: ")
		if !ok {
			t.Fatalf("%s: bad header %q", path, head)
		}
		e := corpusEntry{id: id, text: text}
		if exp = strings.TrimSpace(exp); exp != "-" {
			e.expect = strings.Split(exp, ",")
		}
		out = append(out, e)
	}
	return out
}

func krefeldPartners(t testing.TB) []config.Partner {
	t.Helper()
	cfg, err := config.Load("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Partners
}

// counts are true positives, false positives and false negatives.
type counts struct{ tp, fp, fn int }

func (c counts) prf() (p, r, f float64) {
	p, r = 1, 1
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// evaluate tags every entry and returns per-partner and overall (micro) counts,
// with a line per wrong entry.
func evaluate(tg *Tagger, partners []config.Partner, entries []corpusEntry) (map[string]counts, counts, []string) {
	per := map[string]counts{}
	for _, p := range partners {
		per[p.Slug] = counts{}
	}
	var all counts
	var wrong []string
	for _, e := range entries {
		got := map[string]bool{}
		var gotList []string
		for _, r := range tg.Tag(ParseText(e.text)) {
			got[r.Partner] = true
			gotList = append(gotList, r.Partner)
		}
		want := map[string]bool{}
		for _, s := range e.expect {
			want[s] = true
		}
		ok := true
		for slug := range per {
			c := per[slug]
			switch {
			case got[slug] && want[slug]:
				c.tp++
				all.tp++
			case got[slug]:
				c.fp++
				all.fp++
				ok = false
			case want[slug]:
				c.fn++
				all.fn++
				ok = false
			}
			per[slug] = c
		}
		if !ok {
			sort.Strings(gotList)
			wrong = append(wrong, fmt.Sprintf("%s: want %v, got %v", e.id, e.expect, gotList))
		}
	}
	return per, all, wrong
}

func table(partners []config.Partner, per map[string]counts, all counts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s %4s %4s %4s %9s %6s %6s\n", "partner", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, p := range partners {
		c := per[p.Slug]
		pr, r, f := c.prf()
		fmt.Fprintf(&b, "%-14s %4d %4d %4d %9.3f %6.3f %6.3f\n", p.Slug, c.tp, c.fp, c.fn, pr, r, f)
	}
	pr, r, f := all.prf()
	fmt.Fprintf(&b, "%-14s %4d %4d %4d %9.3f %6.3f %6.3f\n", "overall", all.tp, all.fp, all.fn, pr, r, f)
	return b.String()
}

// TestCorpus measures the tagger on both parts of the labelled corpus and
// prints precision, recall and F1 per partner and overall. The frozen test
// part must reach overall F1 ≥ 0.95 and F1 ≥ 0.9 for every partner.
func TestCorpus(t *testing.T) {
	partners := krefeldPartners(t)
	tg := New(partners)
	for _, part := range []string{"dev", "test"} {
		t.Run(part, func(t *testing.T) {
			entries := loadCorpus(t, "testdata/corpus/"+part+".txt")
			per, all, wrong := evaluate(tg, partners, entries)
			t.Logf("%s part: %d texts\n%s", part, len(entries), table(partners, per, all))
			for _, w := range wrong {
				t.Log("wrong: " + w)
			}
			if part != "test" {
				return
			}
			if len(entries) < 30 {
				t.Errorf("test part has %d texts, want ≥ 30", len(entries))
			}
			if _, _, f := all.prf(); f < 0.95 {
				t.Errorf("overall F1 %.3f < 0.95", f)
			}
			for slug, c := range per {
				if c.tp+c.fn == 0 {
					t.Errorf("partner %s has no positive text in the test part", slug)
				}
				if _, _, f := c.prf(); f < 0.9 {
					t.Errorf("partner %s: F1 %.3f < 0.9", slug, f)
				}
			}
		})
	}
}
