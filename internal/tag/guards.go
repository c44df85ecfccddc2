package tag

import (
	"fmt"
	"strings"
)

// weigh applies the guards and the context to one mention.
func (t *Tagger) weigh(m mention, si int, s *sentence, partnersInSentence int, cueWord string, owner int, inHeadline bool) scored {
	sc := scored{mention: m, sent: si, weight: baseWeight[s.where]}
	toks := s.tokens
	first := toks[m.start]
	zero := func(why string) scored {
		sc.weight = 0
		sc.factors = append(sc.factors, why+" ×0")
		return sc
	}
	mul := func(f float64, why string) {
		sc.weight *= f
		sc.factors = append(sc.factors, fmt.Sprintf("%s ×%g", why, f))
	}
	var prev, next *token
	if m.start > 0 {
		prev = &toks[m.start-1]
	}
	if m.end < len(toks) {
		next = &toks[m.end]
	}
	if x, ok := t.m.excluded(m.partner, toks, m.start, m.end); ok {
		return zero(fmt.Sprintf("excluded phrase %q", x))
	}
	if first.lower && m.capital {
		return zero("lowercase word, not a name")
	}
	if (next != nil && next.sep != '.' && streetWords[next.norm]) || (prev != nil && toks[m.start].sep != '.' && streetBefore[prev.norm]) ||
		(m.start > 1 && prev != nil && (prev.norm == "de" || prev.norm == "du") && streetBefore[toks[m.start-2].norm]) {
		return zero("street name")
	}
	if partnersInSentence >= 4 {
		return zero(fmt.Sprintf("list of %d partners", partnersInSentence))
	}
	if owner >= 0 && owner != m.partner {
		return zero("twin city of " + t.partners[owner].Slug + ", not of this city")
	}
	if aboutFirstNames(toks) {
		return zero("a first name (the sentence is about first names)")
	}
	if partnersInSentence == 3 && s.where != whereTitle {
		mul(0.3, "list of 3 partners")
	}
	// A partner named only beside the subject is background: no partnership
	// context comes from such a mention, unless the headline names it.
	background := false
	if !inHeadline && s.where != whereTitle {
		if comitative(toks, m) {
			background = true
			mul(0.3, "named in passing (\"gemeinsam mit …\")")
		} else if addressed(toks, m) {
			background = true
			mul(0.3, "one of several places addressed (\"den Partnern in … und …\")")
		}
	}
	oneWord := m.words == 1
	nameAfter := next != nil && next.sep == ' ' && next.upper && !connectors[next.norm] && !isCue(next.norm) &&
		!regionAfter[next.norm] && !streetWords[next.norm]
	bare := m.suffix == "" || m.suffix == "s" || m.suffix == "es"
	if oneWord && bare && prev != nil && first.sep == ' ' && determiners[prev.norm] {
		if !nameAfter {
			return zero(fmt.Sprintf("common noun (%q)", prev.text+" "+m.text))
		}
		mul(0.5, "part of an organisation's name")
	} else if oneWord && m.suffix == "" && nameAfter && (prev == nil || first.sep == '.' || !placeWords[prev.norm] && !isCue(prev.norm)) {
		sc.person = true
		mul(0.2, fmt.Sprintf("looks like a person's name (%q)", m.text+" "+next.text))
	}
	if (prev != nil && (regionBefore[prev.norm] || strings.HasSuffix(prev.norm, "verwaltung"))) ||
		(next != nil && regionAfter[next.norm]) {
		mul(0.3, "the region, not the city")
	}
	if m.fuzzy {
		mul(0.8, "spelling mistake tolerated")
	}
	if cueWord != "" && owner < 0 && sc.weight > 0 && !background {
		sc.cue = true
		mul(1.5, fmt.Sprintf("partnership context (%q)", cueWord))
	}
	return sc
}

// twinOwner finds the partner whose own twin towns a sentence lists
// ("Partnerstädte Leicesters sind …", "Partnerstadt von Leicester"), or -1.
func twinOwner(toks []token, found []mention) int {
	at, endsAt := map[int]mention{}, map[int]mention{}
	for _, m := range found {
		at[m.start] = m
		endsAt[m.end] = m
	}
	for k, tok := range toks {
		if !twinWord(tok.norm) {
			continue
		}
		if m, ok := at[k+1]; ok && m.suffix == "s" {
			return m.partner
		}
		if m, ok := endsAt[k]; ok && m.suffix == "s" {
			return m.partner
		}
		if k+2 < len(toks) && (toks[k+1].norm == "von" || toks[k+1].norm == "of" || toks[k+1].norm == "van") {
			if m, ok := at[k+2]; ok {
				return m.partner
			}
		}
	}
	return -1
}
