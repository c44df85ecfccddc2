package tag

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Evidence says why a partner was tagged or not: the score, its parts, the
// threshold and every match with its sentence and weight. Result.Evidence is
// its JSON form.
type Evidence struct {
	Partner   string  `json:"partner"`
	Tagged    bool    `json:"tagged"`
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	Reason    string  `json:"reason"`
	Parts     Parts   `json:"parts"`
	Matches   []Match `json:"matches"`
	// Omitted counts the matches beyond the first maxMatches, left out of Matches.
	Omitted int `json:"omitted,omitempty"`

	counted   map[int]bool // sentences with a mention that counts
	mentioned map[int]bool // sentences with any mention
}

// Parts is the score split by where the mentions stand.
type Parts struct {
	Title    float64 `json:"title"`
	Lead     float64 `json:"lead"`
	Captions float64 `json:"captions"`
	Body     float64 `json:"body"`
	// Context is true when some mention stands beside a partnership cue word;
	// without one the sum is discounted.
	Context  bool    `json:"context"`
	Discount float64 `json:"discount"`
	// Sports is true when, without partnership context, the partner is
	// named in a sports report: a club named after the city, not the city.
	Sports bool `json:"sports,omitempty"`
}

// Match is one alias found in the document.
type Match struct {
	Alias    string   `json:"alias"`
	Text     string   `json:"text"`
	Where    string   `json:"where"` // title, lead, caption, body, teaser
	Sentence string   `json:"sentence"`
	Base     float64  `json:"base"`
	Weight   float64  `json:"weight"`
	Factors  []string `json:"factors,omitempty"`
	Fuzzy    bool     `json:"fuzzy,omitempty"`
}

// Evidence stays small: at most maxMatches matches per partner, sentences
// cut to about maxSentence bytes around the match.
const (
	maxMatches  = 40
	maxSentence = 300
)

// snippet is the sentence of a match, cut around the match when it is long.
func snippet(s sentence, m mention) string {
	if len(s.text) <= maxSentence {
		return s.text
	}
	from := s.tokens[m.start].at
	last := s.tokens[m.end-1]
	to := last.at + len(last.text)
	lo, hi := max(0, from-maxSentence/2), min(len(s.text), to+maxSentence/2)
	for lo > 0 && !utf8.RuneStart(s.text[lo]) {
		lo--
	}
	for hi < len(s.text) && !utf8.RuneStart(s.text[hi]) {
		hi++
	}
	out := s.text[lo:hi]
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(s.text) {
		out += "…"
	}
	return out
}

// Caps on the parts: a long article does not become more "about" a partner
// by repeating its name.
const (
	leadCap = 3.0
	bodyCap = 6.0
	// minorShare: a partner scoring under this share of the article's main
	// partner, and absent from the title, is a passing mention.
	minorShare = 0.25
)

func (t *Tagger) evidence(p int, list []scored, sents []sentence) Evidence {
	e := Evidence{Partner: t.partners[p].Slug, Threshold: Threshold, Parts: Parts{Discount: 1},
		counted: map[int]bool{}, mentioned: map[int]bool{}}
	var lead []float64
	body := map[int]float64{} // best weight per body sentence
	var bodyOrder []int
	person := false
	for _, s := range list {
		where := sents[s.sent].where
		if len(e.Matches) < maxMatches {
			e.Matches = append(e.Matches, Match{Alias: s.alias, Text: s.text, Where: where,
				Sentence: snippet(sents[s.sent], s.mention), Base: baseWeight[where], Weight: round(s.weight),
				Factors: s.factors, Fuzzy: s.fuzzy})
		} else {
			e.Omitted++
		}
		person = person || s.person
		e.mentioned[s.sent] = true
		if s.weight > 0 {
			e.counted[s.sent] = true
		}
		if s.weight > 0 && s.cue {
			e.Parts.Context = true
		}
		switch where {
		case whereTitle:
			e.Parts.Title = math.Max(e.Parts.Title, s.weight)
		case whereLead:
			lead = append(lead, s.weight)
		case whereCaption:
			e.Parts.Captions = math.Max(e.Parts.Captions, s.weight)
		case whereBody:
			if _, ok := body[s.sent]; !ok {
				bodyOrder = append(bodyOrder, s.sent)
			}
			body[s.sent] = math.Max(body[s.sent], s.weight)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(lead)))
	if len(lead) > 0 {
		e.Parts.Lead = lead[0]
		if len(lead) > 1 {
			e.Parts.Lead += lead[1] / 2
		}
		e.Parts.Lead = math.Min(e.Parts.Lead, leadCap)
	}
	for _, si := range bodyOrder { // in document order: the same sum every time
		e.Parts.Body += body[si]
	}
	e.Parts.Body = math.Min(e.Parts.Body, bodyCap)
	sum := e.Parts.Title + e.Parts.Lead + e.Parts.Captions + e.Parts.Body
	if !e.Parts.Context {
		e.Parts.Discount = 0.5
		if person {
			e.Parts.Discount = 0.3
		}
		if e.inSports(sents) {
			e.Parts.Discount, e.Parts.Sports = 0.2, true
		}
	}
	e.Score = round(sum * e.Parts.Discount)
	e.Parts.Title, e.Parts.Lead = round(e.Parts.Title), round(e.Parts.Lead)
	e.Parts.Captions, e.Parts.Body = round(e.Parts.Captions), round(e.Parts.Body)
	return e
}

// inSports reports whether a counted mention stands in a sentence about sports.
func (e *Evidence) inSports(sents []sentence) bool {
	for si := range e.counted {
		if sportsSentence(sents[si].tokens) {
			return true
		}
	}
	return false
}

// decide sets Tagged and Reason on every partner's evidence.
func decide(all []Evidence) {
	top, topSlug, main := 0.0, "", -1
	for i, e := range all {
		if e.Score > top {
			top, topSlug, main = e.Score, e.Partner, i
		}
	}
	for i := range all {
		e := &all[i]
		switch {
		case onlyTeasers(e.Matches):
			e.Reason = "named only in teaser boxes or navigation, which never count"
		case e.Score == 0:
			e.Reason = "every mention discounted: " + strings.Join(zeroFactors(e.Matches), "; ")
		case e.Score < Threshold:
			e.Reason = fmt.Sprintf("score %.2f below threshold %g: a passing mention", e.Score, Threshold)
			if !e.Parts.Context {
				e.Reason += " without partnership context"
			}
			if e.Parts.Sports {
				e.Reason += ", in a sports report (a club named after the city)"
			} else if e.Parts.Discount < 0.5 {
				e.Reason += ", and the name looks like a person's"
			}
		case main >= 0 && i != main && besideOnly(*e, all[main]):
			e.Reason = fmt.Sprintf("background: named only in sentences about %s, the subject of the headline", topSlug)
		case e.Score < minorShare*top && e.Parts.Title == 0:
			e.Reason = fmt.Sprintf("minor mention: score %.2f is under %d%% of %s's %.2f and not in the title",
				e.Score, int(minorShare*100), topSlug, top)
		default:
			e.Tagged = true
			e.Reason = fmt.Sprintf("score %.2f reaches threshold %g", e.Score, Threshold)
		}
	}
}

// besideOnly reports whether e's partner is background to the main
// partner: absent from the headline, which names the main partner, and
// named only in sentences that name the main partner too ("die trilaterale
// Partnerschaft von Krefeld, Venlo und Kropywnyzkyj" in a release about
// Kropywnyzkyj). A joint visit names both partners in the headline.
func besideOnly(e, main Evidence) bool {
	if e.Parts.Title > 0 || main.Parts.Title == 0 || len(e.counted) == 0 {
		return false
	}
	for si := range e.counted {
		if !main.mentioned[si] {
			return false
		}
	}
	return true
}

func onlyTeasers(ms []Match) bool {
	for _, m := range ms {
		if m.Where != whereTeaser {
			return false
		}
	}
	return true
}

// zeroFactors lists the distinct reasons that discounted mentions to nothing.
func zeroFactors(ms []Match) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		for _, f := range m.Factors {
			if strings.HasSuffix(f, "×0") && !seen[f] {
				seen[f] = true
				out = append(out, strings.TrimSuffix(f, " ×0"))
			}
		}
	}
	return out
}

func round(f float64) float64 { return math.Round(f*100) / 100 }
