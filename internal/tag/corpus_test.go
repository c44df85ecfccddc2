package tag

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// wrongDecision is one partner wrongly tagged or wrongly left out of an entry.
type wrongDecision struct {
	id       string
	expect   []string
	got      []string
	partner  string
	missed   bool   // expected but not tagged (else tagged but not expected)
	evidence string // the tagger's reason and its strongest mention
}

func (w wrongDecision) String() string {
	kind := "false " + w.partner
	if w.missed {
		kind = "missed " + w.partner
	}
	return fmt.Sprintf("%s: expected %s, got %s; %s: %s", w.id, slugList(w.expect), slugList(w.got), kind, w.evidence)
}

func slugList(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ",")
}

// evaluation is the result of tagging one part of the corpus.
type evaluation struct {
	texts int
	per   map[string]counts
	all   counts
	wrong []wrongDecision
}

// evaluate tags every entry and returns per-partner and overall (micro)
// counts, with every wrong decision and the tagger's evidence for it.
func evaluate(tg *Tagger, partners []config.Partner, entries []corpusEntry) evaluation {
	ev := evaluation{texts: len(entries), per: map[string]counts{}}
	for _, p := range partners {
		ev.per[p.Slug] = counts{}
	}
	for _, e := range entries {
		d := ParseText(e.text)
		got := map[string]bool{}
		var gotList []string
		for _, r := range tg.Tag(d) {
			got[r.Partner] = true
			gotList = append(gotList, r.Partner)
		}
		sort.Strings(gotList)
		want := map[string]bool{}
		for _, s := range e.expect {
			want[s] = true
		}
		var explained []Evidence
		for _, p := range partners {
			slug := p.Slug
			c := ev.per[slug]
			switch {
			case got[slug] && want[slug]:
				c.tp++
				ev.all.tp++
			case got[slug] || want[slug]:
				if got[slug] {
					c.fp++
					ev.all.fp++
				} else {
					c.fn++
					ev.all.fn++
				}
				if explained == nil {
					explained = tg.Explain(d)
				}
				ev.wrong = append(ev.wrong, wrongDecision{id: e.id, expect: e.expect, got: gotList,
					partner: slug, missed: want[slug], evidence: shortEvidence(explained, slug)})
			}
			ev.per[slug] = c
		}
	}
	return ev
}

// shortEvidence is the tagger's reason for a partner and its strongest mention.
func shortEvidence(all []Evidence, slug string) string {
	for _, e := range all {
		if e.Partner != slug {
			continue
		}
		best := -1
		for i, m := range e.Matches {
			if best < 0 || m.Weight > e.Matches[best].Weight {
				best = i
			}
		}
		if best < 0 {
			return e.Reason
		}
		m := e.Matches[best]
		return fmt.Sprintf("%s; strongest: %s %q (%.2f) in %q", e.Reason, m.Where, m.Text, m.Weight, shorten(m.Sentence, 100))
	}
	return "no mention found"
}

func (ev evaluation) table(partners []config.Partner) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s %4s %4s %4s %9s %6s %6s\n", "partner", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, p := range partners {
		c := ev.per[p.Slug]
		pr, r, f := c.prf()
		fmt.Fprintf(&b, "%-14s %4d %4d %4d %9.3f %6.3f %6.3f\n", p.Slug, c.tp, c.fp, c.fn, pr, r, f)
	}
	pr, r, f := ev.all.prf()
	fmt.Fprintf(&b, "%-14s %4d %4d %4d %9.3f %6.3f %6.3f\n", "overall", ev.all.tp, ev.all.fp, ev.all.fn, pr, r, f)
	return b.String()
}

// report is the table and the wrong decisions of one part, as scripts/tag-eval prints them.
func (ev evaluation) report(name string, partners []config.Partner) string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s: %d texts\n%s", name, ev.texts, ev.table(partners))
	fmt.Fprintf(&b, "wrong decisions: %d\n", len(ev.wrong))
	for _, w := range ev.wrong {
		fmt.Fprintf(&b, "  %s\n", w)
	}
	return b.String()
}

// corpusParts are the two parts of the tagging set: the tuning part, and
// the frozen part that no change to the tagger is tuned on.
var corpusParts = []struct {
	name  string
	files []string
}{
	{"tuning part (dev.txt)", []string{"dev.txt"}},
	{"frozen part (test.txt + frozen.txt)", []string{"test.txt", "frozen.txt"}},
}

// loadPart reads the files of a part; frozen.txt may not exist yet.
func loadPart(t testing.TB, files []string) []corpusEntry {
	t.Helper()
	var out []corpusEntry
	for _, f := range files {
		path := filepath.Join("testdata", "corpus", f)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && f == "frozen.txt" {
			continue
		}
		out = append(out, loadCorpus(t, path)...)
	}
	return out
}

// evalReport is where scripts/tag-eval has TestCorpus write its report.
var evalReport = flag.String("tag-eval-report", "", "write the tagging set's evaluation to this file (scripts/tag-eval)")

// TestCorpus measures the tagger on both parts of the tagging set and
// reports precision, recall and F1 per partner and overall, with every wrong
// decision. The frozen part must reach the acceptance targets of issue 13.
func TestCorpus(t *testing.T) {
	partners := krefeldPartners(t)
	tg := New(partners)
	var report strings.Builder
	for i, part := range corpusParts {
		entries := loadPart(t, part.files)
		ev := evaluate(tg, partners, entries)
		report.WriteString(ev.report(part.name, partners))
		t.Log("\n" + ev.report(part.name, partners))
		if i == 0 {
			continue
		}
		checkFrozen(t, ev)
	}
	if total := len(loadPart(t, corpusParts[0].files)) + len(loadPart(t, corpusParts[1].files)); total < 150 {
		t.Errorf("the tagging set has %d texts, want ≥ 150", total)
	}
	if *evalReport != "" {
		if err := os.WriteFile(*evalReport, []byte(report.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkFrozen asserts the acceptance targets on the frozen part.
func checkFrozen(t *testing.T, ev evaluation) {
	t.Helper()
	if ev.texts < 30 {
		t.Errorf("frozen part has %d texts, want ≥ 30", ev.texts)
	}
	if p, r, _ := ev.all.prf(); p < 0.97 || r < 0.97 {
		t.Errorf("frozen part: precision %.3f, recall %.3f; want both ≥ 0.97", p, r)
	}
	for slug, c := range ev.per {
		if c.tp+c.fn == 0 {
			t.Errorf("partner %s has no positive text in the frozen part", slug)
		}
		if _, _, f := c.prf(); f < 0.9 {
			t.Errorf("partner %s: F1 %.3f < 0.9 on the frozen part", slug, f)
		}
	}
}
