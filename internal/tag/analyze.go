package tag

import (
	"strings"
)

// Where a sentence stands, and what a mention there weighs before context.
const (
	whereTitle   = "title"
	whereLead    = "lead"
	whereCaption = "caption"
	whereBody    = "body"
	whereTeaser  = "teaser"
)

// leadSentences is how many sentences of the lead weigh as lead.
const leadSentences = 2

var baseWeight = map[string]float64{whereTitle: 3, whereLead: 2, whereCaption: 1.5, whereBody: 1, whereTeaser: 0}

// scored is a mention with its weight and the reasons for it.
type scored struct {
	mention
	sent    int
	weight  float64
	factors []string
	cue     bool // counted with a partnership cue word
	person  bool // looked like a person's name
}

// sentences splits the document into its parts' sentences; captions are
// deduplicated, so that a caption repeated as alt text and as visible text counts once.
func sentences(d Document, teasers bool) []sentence {
	var out []sentence
	add := func(where, text string) {
		for _, s := range splitSentences(clean(text)) {
			out = append(out, sentence{where: where, text: s})
		}
	}
	if t := strings.TrimSpace(clean(d.Title)); t != "" {
		out = append(out, sentence{where: whereTitle, text: strings.Join(strings.Fields(t), " ")})
	}
	// The lead weighs more for its first two sentences (a subtitle and the
	// opening sentence); the rest of a long lead paragraph is body.
	inLead := map[string]bool{}
	for i, s := range splitSentences(clean(d.Lead)) {
		where := whereLead
		if i >= leadSentences {
			where = whereBody
		}
		out = append(out, sentence{where: where, text: s})
		inLead[s] = true
	}
	seen := map[string]bool{}
	for _, c := range d.Captions {
		key := strings.Join(normTokens(c), " ")
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		add(whereCaption, c)
	}
	// Extractors often repeat the lead as the body's first paragraph: it counts once.
	body, boxes := cutBoxes(clean(d.Body))
	for _, s := range splitSentences(body) {
		if !inLead[s] {
			out = append(out, sentence{where: whereBody, text: s})
		}
	}
	if teasers {
		add(whereTeaser, boxes)
		add(whereTeaser, d.Ignored)
	}
	return out
}

// scoreSentence finds the mentions in one sentence and weighs each.
func (t *Tagger) scoreSentence(si int, s *sentence, out []scored, headline map[int]bool) []scored {
	s.tokens = tokenize(s.text)
	found := t.m.find(s.tokens, nil)
	if len(found) == 0 {
		return out
	}
	if s.where == whereTeaser {
		for _, m := range found {
			out = append(out, scored{mention: m, sent: si, factors: []string{"teaser box or navigation: never counts"}})
		}
		return out
	}
	partners := map[int]bool{}
	inMention := make([]bool, len(s.tokens))
	for _, m := range found {
		partners[m.partner] = true
		for k := m.start; k < m.end; k++ {
			inMention[k] = true
		}
	}
	// In a sports report a club is a guest and is welcomed: only a word
	// about the partnership itself is partnership context there, and a
	// "Freundschaftsspiel" is football.
	cueWord := ""
	sport := -1 // unknown until a cue word asks
	for k, tok := range s.tokens {
		if inMention[k] || !isCue(tok.norm) || isSport(tok.norm) {
			continue
		}
		if partnershipWord(tok.norm) {
			cueWord = tok.text
			break
		}
		if sport < 0 {
			sport = 0
			if sportsSentence(s.tokens) {
				sport = 1
			}
		}
		if sport == 0 {
			cueWord = tok.text
			break
		}
	}
	owner := -1
	if cueWord != "" { // every twin word is a cue word
		owner = twinOwner(s.tokens, found)
	}
	for _, m := range found {
		out = append(out, t.weigh(m, si, s, len(partners), cueWord, owner, headline[m.partner]))
	}
	return out
}
