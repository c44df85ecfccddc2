package extract

import (
	"fmt"
	"strings"
	"testing"
)

// templatedPage is an article page of a source whose template puts a
// newsletter box, an address line and a "last updated" line (its figures
// differ on each page) inside the content: no phrase marks them, only their
// repetition across the source's pages.
func templatedPage(i int, extra string) string {
	return fmt.Sprintf(`<html><body><main><article><h1>Meldung Nummer %d der Stadt</h1>
		<p class="date">Veröffentlicht am: %02d.03.2024</p>
		<p>Text %d: Die Stadt hat heute etwas Neues beschlossen, über das der Rat lange beraten hat. Der Beschluss
		betrifft den Stadtteil %d und tritt im kommenden Monat in Kraft, wie die Verwaltung mitteilt.</p>
		%s
		<div class="nl"><p>Abonnieren Sie unseren Newsletter und verpassen Sie nichts aus dem Rathaus.</p></div>
		<p>Stadtverwaltung Musterstadt · Marktplatz 1 · 12345 Musterstadt</p>
		<p class="updated">Last updated: %02d/03/2024 1%d:0%d</p>
		<p class="stand">Letzte Aktualisierung %d. %s 2024</p>
		</article></main></body></html>`, i, i+1, i, i, extra, i+2, i%10, i%7, i+3, []string{"Mai", "Juni", "Juli"}[i%3])
}

func TestTemplateLearnedFromTheSourcesPages(t *testing.T) {
	tmpl := NewTemplate()
	learn := func(i int, extra string) Article {
		t.Helper()
		a, err := Extract(fmt.Sprintf("https://a.example/presse/%d", i), []byte(templatedPage(i, extra)), Options{Template: tmpl})
		if err != nil {
			t.Fatal(err)
		}
		tmpl.Learn(a.Blocks)
		return a
	}
	first := learn(1, "<h2>Hintergrund</h2><p>Ein Absatz zum Hintergrund von Meldung eins.</p>")
	if first.TemplateBlocks != 0 || !strings.Contains(first.BodyText, "Newsletter") {
		t.Fatalf("nothing is template on a source's first page: %+v", first)
	}
	learn(2, "")
	learn(3, "<h2>Hintergrund</h2><p>Ein Absatz zum Hintergrund von Meldung drei.</p>")
	for i := 4; i <= 8; i++ {
		learn(i, "")
	}
	// A subheading on 2 of 8 pages is the release's, not the template's.
	a := learn(9, "<h2>Hintergrund</h2><p>Ein Absatz zum Hintergrund von Meldung neun.</p>")
	if a.TemplateBlocks != 4 || strings.Contains(a.BodyText, "Newsletter") || strings.Contains(a.BodyText, "Marktplatz 1") ||
		strings.Contains(a.BodyText, "Last updated") {
		t.Errorf("template blocks %d, body:\n%s", a.TemplateBlocks, a.BodyText)
	}
	for _, keep := range []string{"Text 9:", "Hintergrund", "Meldung neun"} {
		if !strings.Contains(a.BodyText, keep) {
			t.Errorf("lost %q:\n%s", keep, a.BodyText)
		}
	}
	if strings.Contains(a.BodyHTML, `class="nl"`) || strings.Contains(a.BodyHTML, "<div></div>") {
		t.Errorf("an emptied box stays:\n%s", a.BodyHTML)
	}

	// What was learned survives storing: a later pass that reads one new page
	// removes the template at once.
	stored, err := tmpl.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	later := NewTemplate()
	if err := later.UnmarshalText(stored); err != nil || !later.Equal(tmpl) {
		t.Fatalf("round trip: %v", err)
	}
	b, err := Extract("https://a.example/presse/10", []byte(templatedPage(10, "")), Options{Template: later})
	if err != nil || b.TemplateBlocks != 4 {
		t.Fatalf("after reloading: %d blocks (%v)", b.TemplateBlocks, err)
	}
	// Without a template nothing is removed for repeating.
	if c, _ := Extract("https://a.example/presse/10", []byte(templatedPage(10, "")), Options{}); c.TemplateBlocks != 0 ||
		!strings.Contains(c.BodyText, "Newsletter") {
		t.Fatalf("without template: %+v", c)
	}
}

func TestTemplateForgetsAnOldTemplate(t *testing.T) {
	tmpl := NewTemplate()
	old, relaunched := fingerprint("p", "alt"), fingerprint("p", "neu")
	for range 3 * templateWindow {
		tmpl.Learn([]uint64{old, 1})
	}
	for range templateWindow {
		tmpl.Learn([]uint64{relaunched, 1})
	}
	if !tmpl.Has(relaunched) || tmpl.Pages() >= 2*templateWindow {
		t.Fatalf("the relaunched template is not learned within a window: %d pages, %v", tmpl.Pages(), tmpl.Has(relaunched))
	}
}

func TestTemplateUnmarshalRejectsGarbage(t *testing.T) {
	for _, s := range []string{``, `{`, `{"pages":-1}`, `{"pages":1,"blocks":{"zz!":1}}`, `{"pages":1,"blocks":{"a":0}}`} {
		if err := NewTemplate().UnmarshalText([]byte(s)); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

// FuzzTemplate learns from arbitrary pages: extraction never panics, a
// template of fewer pages than needed removes nothing, and the template
// survives storing.
func FuzzTemplate(f *testing.F) {
	f.Add(templatedPage(1, ""), templatedPage(2, "<h2>X</h2>"), templatedPage(3, ""))
	f.Add(`<main><h1>A</h1><p>Seite teilen: <a href="mailto:?x">E-Mail</a></p><p>text</p></main>`, `<p>b`, `<div><div><p>c</p></div></div>`)
	f.Fuzz(func(t *testing.T, p1, p2, p3 string) {
		tmpl := NewTemplate()
		for i, p := range []string{p1, p2, p3, p1, p2, p3} {
			a, _ := Extract("https://a.example/"+fmt.Sprint(i), []byte(p), Options{Template: tmpl})
			if a.TemplateBlocks > 0 && tmpl.Pages() < templateMinPages {
				t.Fatalf("%d template blocks from a template of %d pages", a.TemplateBlocks, tmpl.Pages())
			}
			tmpl.Learn(a.Blocks)
		}
		data, err := tmpl.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		back := NewTemplate()
		if err := back.UnmarshalText(data); err != nil || !back.Equal(tmpl) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
