package tag

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestLargeInputEvidenceBounded: a document far larger than any article (one
// huge sentence full of partner names and cue words; the seed repeated) is
// tagged with evidence of bounded size (matches capped, sentences cut).
func TestLargeInputEvidenceBounded(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	tg := New(krefeldPartners(t))
	for _, unit := range []string{"Partnerstädte Leicesters Partnerstadt Venlo Dünklichen Charlotte Berger des Leidens ", string(seed)} {
		big := strings.Repeat(unit, 400)
		ev := tg.Explain(ParseText(big))
		b, err := json.Marshal(ev)
		if err != nil || len(ev) == 0 || len(b) > 500_000 {
			t.Errorf("%d partners with %d bytes of evidence for a %d-byte input (%v)", len(ev), len(b), len(big), err)
		}
	}
}
