// Package tag decides which partner cities a press release is news about, and
// records why. TODO(tag issue): the real tagger; this is the API contract only.
package tag

import (
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
)

// Document is the text of one article, split by where it stands.
type Document struct {
	Title    string
	Lead     string
	Body     string   // plain text of the body (teasers and navigation removed)
	Captions []string // image captions (each counts once)
}

// Result is one partner the document is news about.
type Result struct {
	Partner string  // slug
	Score   float64 // decision score
	// Evidence is a JSON text describing the matches (alias, where, sentence).
	Evidence string
}

// Tagger tags documents against the configured partners. Safe for concurrent use.
type Tagger struct {
	partners []config.Partner
}

// New builds a tagger for the partners.
func New(partners []config.Partner) *Tagger {
	return &Tagger{partners: partners}
}

// Tag returns the partners d is news about, by descending score.
func (t *Tagger) Tag(d Document) []Result {
	return nil
}

// Lookup finds the partner a user means by a slug or any name form
// ("dunkerque", "Dünkirchen"), matched like the tagger matches names.
// TODO(tag issue): diacritics and inflections; this stub compares case-insensitively.
func (t *Tagger) Lookup(name string) (slug string, ok bool) {
	for _, p := range t.partners {
		forms := append([]string{p.Slug}, p.Aliases...)
		for _, n := range p.Names {
			forms = append(forms, n)
		}
		for _, f := range forms {
			if strings.EqualFold(f, strings.TrimSpace(name)) {
				return p.Slug, true
			}
		}
	}
	return "", false
}
