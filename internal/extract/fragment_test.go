package extract

import "testing"

// TestPlainTextKeepsBreaks: a feed description's paragraphs and line breaks
// become spaces in the lead ("…news body. Die…", not "…news body.Die…").
func TestPlainTextKeepsBreaks(t *testing.T) {
	for in, want := range map[string]string{
		`<p>Erster Absatz.</p><p>Die zweite Zeile.</p>`:           "Erster Absatz. Die zweite Zeile.",
		`Eins.<br>Zwei.<br/>Drei.`:                                "Eins. Zwei. Drei.",
		`<ul><li>Venlo</li><li>Leiden</li></ul>`:                  "Venlo Leiden",
		`<p>Ein <b>fetter</b> Satz mit <a href="#">Link</a>.</p>`: "Ein fetter Satz mit Link.",
		`Nur Text &amp; mehr`:                                     "Nur Text & mehr",
	} {
		if got := PlainText(in); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", in, got, want)
		}
	}
}
