// Package tag decides which partner cities a press release is news about, and
// records why: aliases from the configuration are found in every language and
// script (case, diacritics, German inflections, compounds and the source's
// typos tolerated), each mention is weighed by where it stands (title, lead,
// caption, body; teasers never count) and by its context (partnership cue
// words; guards against street names, first names, common nouns, regions,
// lists of all partners and a partner's own twin towns).
package tag

import (
	"encoding/json"
	"sort"

	"github.com/partnerfeed/partnerfeed/config"
)

// Document is the text of one article, split by where it stands.
type Document struct {
	Title    string
	Lead     string
	Body     string   // plain text of the body (teasers and navigation removed)
	Captions []string // image captions (each counts once)
	// Ignored is boilerplate removed from the page (teaser boxes, navigation).
	// It never counts; Explain reports the partners named there.
	Ignored string
}

// Result is one partner the document is news about.
type Result struct {
	Partner string  // slug
	Score   float64 // decision score
	// Evidence is a JSON text describing the matches (alias, where, sentence).
	Evidence string
}

// Threshold is the score from which a document is news about a partner.
const Threshold = 3.0

// Tagger tags documents against the configured partners. Safe for concurrent use.
type Tagger struct {
	partners []config.Partner
	m        *matcher // aliases, for tagging
	lookup   *matcher // slugs, names and aliases, for Lookup
}

// New builds a tagger for the partners.
func New(partners []config.Partner) *Tagger {
	return &Tagger{partners: partners, m: newMatcher(partners), lookup: newLookupMatcher(partners)}
}

// Tag returns the partners d is news about, by descending score.
func (t *Tagger) Tag(d Document) []Result {
	var out []Result
	// Teasers never count: Tag does not even read them.
	for _, e := range t.analyze(d, false) {
		if !e.Tagged {
			continue
		}
		b, err := json.Marshal(e)
		if err != nil {
			panic(err) // Evidence holds only strings and numbers
		}
		out = append(out, Result{Partner: e.Partner, Score: e.Score, Evidence: string(b)})
	}
	return out
}

// Explain returns the evidence for every partner mentioned anywhere in d
// (teasers included), tagged or not: tagged partners first, by descending score.
func (t *Tagger) Explain(d Document) []Evidence { return t.analyze(d, true) }

func (t *Tagger) analyze(d Document, teasers bool) []Evidence {
	sents := sentences(d, teasers)
	var all []scored
	// A partner in the headline is a subject of the release: the phrases that
	// make a mention background do not apply to it.
	headline := map[int]bool{}
	for i := range sents {
		all = t.scoreSentence(i, &sents[i], all, headline)
		if sents[i].where == whereTitle {
			for _, s := range all {
				headline[s.partner] = headline[s.partner] || s.weight > 0
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	byPartner := map[int][]scored{}
	for _, s := range all {
		byPartner[s.partner] = append(byPartner[s.partner], s)
	}
	var out []Evidence
	for p := range t.partners { // in configuration order: deterministic
		if list := byPartner[p]; len(list) > 0 {
			out = append(out, t.evidence(p, list, sents))
		}
	}
	decide(out)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Tagged != out[j].Tagged {
			return out[i].Tagged
		}
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Partner < out[j].Partner
	})
	return out
}
