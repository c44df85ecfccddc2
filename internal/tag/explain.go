package tag

import (
	"fmt"
	"io"
	"strings"
)

// WriteExplain prints the evidence readably: per partner the decision, the
// score with its parts, and each match with where it stands, its weight, the
// factors applied and the sentence.
func WriteExplain(w io.Writer, all []Evidence) {
	if len(all) == 0 {
		fmt.Fprintln(w, "No partner is mentioned.")
		return
	}
	for _, e := range all {
		verdict := "NOT TAGGED"
		if e.Tagged {
			verdict = "TAGGED"
		}
		fmt.Fprintf(w, "%s %s: %s\n", verdict, e.Partner, e.Reason)
		ctx := "yes"
		if !e.Parts.Context {
			ctx = fmt.Sprintf("no (sum ×%g)", e.Parts.Discount)
		}
		if onlyTeasers(e.Matches) {
			ctx = ""
		}
		if ctx != "" {
			fmt.Fprintf(w, "  score %.2f (threshold %g) = title %.2f + lead %.2f + captions %.2f + body %.2f; partnership context: %s\n",
				e.Score, e.Threshold, e.Parts.Title, e.Parts.Lead, e.Parts.Captions, e.Parts.Body, ctx)
		}
		teasers := 0
		for _, m := range e.Matches {
			if m.Where == whereTeaser {
				if teasers++; teasers > 1 {
					continue
				}
			}
			alias := m.Alias
			if m.Text != m.Alias {
				alias = fmt.Sprintf("%s as %q", m.Alias, m.Text)
			}
			if m.Fuzzy {
				alias += " (misspelt)"
			}
			fmt.Fprintf(w, "  - %-7s %5.2f  %s", m.Where, m.Weight, alias)
			if len(m.Factors) > 0 {
				fmt.Fprintf(w, "  [%s]", strings.Join(m.Factors, "; "))
			}
			fmt.Fprintf(w, "\n      %q\n", shorten(m.Sentence, 160))
		}
		if e.Omitted > 0 {
			fmt.Fprintf(w, "  - %d more matches left out\n", e.Omitted)
		}
		if teasers > 1 {
			fmt.Fprintf(w, "  - teaser: %d more mentions in teaser boxes or navigation (never count)\n", teasers-1)
		}
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
