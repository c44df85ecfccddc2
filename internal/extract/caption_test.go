package extract

import (
	"html"
	"strings"
	"testing"
	"unicode"
)

// TestTextBesideImageStays: paragraphs sharing a block with an image are
// article text, not the image's caption; a caption is what a figcaption or
// the image's own caption element says.
func TestTextBesideImageStays(t *testing.T) {
	for _, c := range []struct{ name, block, caption string }{
		{"two paragraphs and an image in one div",
			`<div><p>Die Delegation aus der Partnerstadt Venlo besuchte am Montag das Rathaus und das Stadtarchiv.</p><img src="/a.jpg" alt="Besuch"><p>Der Oberbürgermeister begrüßte die Gäste und lud sie zum Empfang ein.</p></div>`, "Besuch"},
		{"image first",
			`<div><img src="/a.jpg"><p>Die Delegation aus der Partnerstadt Venlo besuchte am Montag das Rathaus und das Stadtarchiv.</p><p>Der Oberbürgermeister begrüßte die Gäste und lud sie zum Empfang ein.</p></div>`, ""},
		{"image with its own caption element among paragraphs",
			`<div><p>Die Delegation aus der Partnerstadt Venlo besuchte am Montag das Rathaus und das Stadtarchiv.</p><div><img src="/a.jpg"><span class="caption">Im Rathaus Foto: Stadt</span></div><p>Der Oberbürgermeister begrüßte die Gäste und lud sie zum Empfang ein.</p></div>`, "Im Rathaus"},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><body><main><h1>Besuch aus Venlo</h1><p>Veröffentlicht am: 02.05.2024</p>` + c.block + `</main></body></html>`
			a, err := Extract("https://example.org/news/venlo", []byte(page), Options{Location: berlin})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"Die Delegation aus der Partnerstadt Venlo besuchte am Montag das Rathaus und das Stadtarchiv.", "Der Oberbürgermeister begrüßte die Gäste und lud sie zum Empfang ein."} {
				if !strings.Contains(a.BodyText, p) {
					t.Errorf("body lost %q:\n%s", p, a.BodyText)
				}
			}
			if len(a.Images) != 1 || a.Images[0].Caption != c.caption {
				t.Errorf("images %+v, want one captioned %q", a.Images, c.caption)
			}
		})
	}
}

// FuzzCaptionSplit puts two paragraphs and an image with a caption into
// the layouts pages use: the paragraphs always stay in the body, and the
// caption never takes a paragraph's text.
func FuzzCaptionSplit(f *testing.F) {
	f.Add("Die Delegation kam am Montag an.", "Der Oberbürgermeister begrüßte sie.", "Besuch", "Im Rathaus Foto: Stadt", uint8(0))
	f.Add("Erster Absatz", "Zweiter Absatz", "", "", uint8(1))
	f.Add("Erster Absatz", "Zweiter Absatz", "Bild", "Bildunterschrift © X", uint8(2))
	f.Add("Ein Absatz", "Noch einer", "Alt", "Alt und mehr", uint8(3))
	f.Fuzz(func(t *testing.T, p1, p2, alt, caption string, layout uint8) {
		// Inputs outside what the target checks are passed over (return,
		// not Skip: a skipped seed fails the suite under CI).
		if !articleText(p1) || !articleText(p2) || overlaps(p1, p2) {
			return
		}
		for _, p := range []string{p1, p2} {
			if overlaps(p, alt) || overlaps(p, caption) {
				return // a paragraph that repeats the caption may be taken for it
			}
		}
		img := `<img src="/a.jpg" alt="` + html.EscapeString(alt) + `">`
		par := func(s string) string { return "<p>" + html.EscapeString(s) + "</p>" }
		var block string
		switch layout % 4 {
		case 0:
			block = par(p1) + img + par(p2)
		case 1:
			block = img + par(p1) + par(p2)
		case 2:
			block = par(p1) + `<figure>` + img + `<figcaption>` + html.EscapeString(caption) + `</figcaption></figure>` + par(p2)
		case 3:
			block = par(p1) + `<div>` + img + `<span class="bildunterschrift">` + html.EscapeString(caption) + `</span></div>` + par(p2)
		}
		// The fixed paragraph makes the content long enough to be found
		// without readability's help (which short pages need, see content.go).
		page := `<html><body><main><h1>Titel der Meldung</h1><p>Veröffentlicht am: 02.05.2024</p>` +
			`<p>Die Stadt informiert über den Besuch einer Delegation aus der Partnerstadt und das Programm der kommenden Tage im Rathaus.</p>` +
			`<div>` + block + `</div></main></body></html>`
		a, err := Extract("https://example.org/news/x", []byte(page), Options{Location: berlin})
		if err != nil {
			t.Fatalf("%v\n%s", err, page)
		}
		for _, p := range []string{p1, p2} {
			if !strings.Contains(key(a.BodyText), key(p)) {
				t.Fatalf("body lost %q:\n%s\n%s", p, a.BodyText, page)
			}
		}
		if len(a.Images) != 1 {
			t.Fatalf("images %+v", a.Images)
		}
		got := key(a.Images[0].Caption + a.Images[0].Credit)
		for _, p := range []string{p1, p2} {
			if got != "" && strings.Contains(got, key(p)) {
				t.Fatalf("caption %q took the paragraph %q", got, p)
			}
		}
	})
}

// articleText is a paragraph text the fuzz target can expect in the body:
// words and punctuation, not a line extraction drops on purpose (a date
// line, a teaser heading, a skip link, the title).
func articleText(s string) bool {
	c := cleanText(s)
	if len(c) < 3 || len(c) > 300 || dateLine.MatchString(c) || teaserHeading.MatchString(c) || skipLink.MatchString(c) ||
		key(c) == key("Titel der Meldung") {
		return false
	}
	for _, r := range c {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .,;!?-'()", r) {
			return false
		}
	}
	return strings.IndexFunc(c, unicode.IsLetter) >= 0
}

// overlaps reports whether one text holds the other (whitespace and case aside).
func overlaps(a, b string) bool {
	ka, kb := key(a), key(b)
	return ka != "" && kb != "" && (strings.Contains(ka, kb) || strings.Contains(kb, ka))
}
