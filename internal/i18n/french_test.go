package i18n

import (
	"sort"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/i18n/typography"
)

// TestFrenchTypography: every French message of every area file, in every
// plural form, puts a non-breaking space before : ; ! ? and inside « ».
func TestFrenchTypography(t *testing.T) {
	ids := make([]string, 0, len(catalog.messages["fr"]))
	for id := range catalog.messages["fr"] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		t.Fatal("no French messages")
	}
	for _, id := range ids {
		m := catalog.messages["fr"][id]
		for _, form := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			for _, fault := range typography.French(form) {
				t.Errorf("fr %s: %s", id, fault)
			}
		}
	}
}
