package tag

import "strings"

// Salience: signals that a partner is named as background to something
// else (another partner's news, a football match, a list of boxes) rather
// than being what a release is about. Generic words only, in German,
// English, Dutch and French; every name comes from the configuration.

// boxHeadings start the "Aktuelles aus <partner>" boxes of overview and
// service pages: teasers of other pages, which never count.
var boxHeadings = []string{"aktuelles aus ", "neues aus ", "news aus ", "nachrichten aus ",
	"meldungen aus ", "news from ", "latest from ", "nieuws uit ", "actualités de ", "actualité de ",
	"nouvelles de "}

// isBoxHeading reports whether a line is the heading of such a box: a short
// line ("Aktuelles aus Venlo") that is not a sentence.
func isBoxHeading(l string) bool {
	if len(l) > 60 || strings.ContainsAny(l, ".!?:") || len(strings.Fields(l)) > 6 {
		return false
	}
	head := strings.ToLower(l)
	for _, p := range boxHeadings {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// cutBoxes splits a body at its first teaser or box heading: what follows
// is teasers of other pages.
func cutBoxes(body string) (text, boxes string) {
	at := 0
	for line := range strings.Lines(body) {
		if l := strings.TrimSpace(line); len(l) < 160 && (isBoxHeading(l) || isTeaserHeading(l)) {
			return body[:at], body[at:]
		}
		at += len(line)
	}
	return body, ""
}

// comitatives introduce a partner that only accompanies the action
// ("gemeinsam mit Venlo", "together with Venlo").
var comitatives = [][2]string{{"gemeinsam", "mit"}, {"zusammen", "mit"}, {"together", "with"},
	{"along", "with"}, {"samen", "met"}, {"ensemble", "avec"}, {"conjointement", "avec"}}

// phraseFillers may stand between a preposition and the name it governs
// ("gemeinsam mit der niederländischen Partnerstadt Venlo").
var phraseFillers = setOf("der", "die", "dem", "den", "des", "the", "its", "our", "de", "het", "la", "le",
	"les", "sa", "son", "ihrer", "ihrem", "seiner", "seinem", "unserer", "unserem", "stadt", "city",
	"gemeente", "ville", "kreis", "landkreis")

// governedBy walks back from the mention over what may stand between a
// preposition and the name it governs (articles, "Partnerstadt", adjectives
// of nationality, other names of a list and their connectors) and returns
// the index of the phrase's head, the first token for which isHead holds, or -1.
func governedBy(toks []token, start int, isHead func(toks []token, k int) bool) int {
	for k, steps := start-1, 0; k >= 0 && steps < 6; k, steps = k-1, steps+1 {
		t, next := toks[k], toks[k+1]
		if next.sep == '.' && !(t.upper && next.upper) {
			return -1 // punctuation ends the phrase, but for the commas of a list of names
		}
		if isHead(toks, k) {
			return k
		}
		if !phraseFillers[t.norm] && !connectors[t.norm] && !isCue(t.norm) && !nationality(t) &&
			!(t.upper && (next.upper || connectors[next.norm])) {
			return -1
		}
	}
	return -1
}

// nationality is an adjective such as "niederländischen" or "ukrainischen".
func nationality(t token) bool {
	if !t.lower {
		return false
	}
	for _, suf := range []string{"isch", "ische", "ischen", "ischer", "isches"} {
		if strings.HasSuffix(t.norm, suf) {
			return true
		}
	}
	return false
}

// comitative reports whether the mention stands in a "gemeinsam mit …" phrase.
func comitative(toks []token, m mention) bool {
	return governedBy(toks, m.start, func(toks []token, k int) bool {
		if k == 0 {
			return false
		}
		for _, c := range comitatives {
			if toks[k].norm == c[1] && toks[k-1].norm == c[0] {
				return true
			}
		}
		return false
	}) >= 0
}

// addressees are the prepositions of "the partners in Krefeld and Venlo".
var addressees = setOf("in", "aus", "from", "of", "uit", "en", "de", "a")

// addressed reports whether the mention is one of several places in a
// "den Partnern in Krefeld und Venlo" phrase: the partners thanked or
// greeted, or the partnerships listed, not the subject of the release.
func addressed(toks []token, m mention) bool {
	head := governedBy(toks, m.start, func(toks []token, k int) bool {
		return k > 0 && addressees[toks[k].norm] &&
			(strings.HasPrefix(toks[k-1].norm, "partner") || strings.HasPrefix(toks[k-1].norm, "parten"))
	})
	if head < 0 {
		return false
	}
	places := 0
	for k := head + 1; k < m.start; k++ {
		if toks[k].upper && !isCue(toks[k].norm) && !phraseFillers[toks[k].norm] {
			places++
		}
	}
	// A place after the mention ("in Venlo und Krefeld", "in Venlo, Leiden") counts as well.
	if m.end < len(toks) {
		if next := toks[m.end]; next.upper && next.sep == '.' ||
			connectors[next.norm] && m.end+1 < len(toks) && toks[m.end+1].upper {
			places++
		}
	}
	return places > 0
}

// firstNameWords say that the names in a sentence are first names
// ("die beliebtesten Vornamen").
var firstNameWords = []string{"vorname", "voornam", "prenom", "firstname", "rufname"}

func aboutFirstNames(toks []token) bool {
	for k, t := range toks {
		for _, w := range firstNameWords {
			if strings.HasPrefix(t.norm, w) {
				return true
			}
		}
		if t.norm == "first" && k+1 < len(toks) && strings.HasPrefix(toks[k+1].norm, "name") {
			return true
		}
	}
	return false
}

// sportStems mark a sentence as sports ("Freundschaftsspiel", "Testspiel",
// "Erstligist", "Fanmarsch"); such words are never partnership cues.
var sportStems = []string{"fussball", "testspiel", "freundschaftsspiel", "pokalspiel", "heimspiel",
	"auswartsspiel", "ligaspiel", "vorbereitungsspiel", "turnier", "mannschaft", "erstligist",
	"zweitligist", "bundesliga", "stadion", "trainingslager", "anpfiff", "fanmarsch", "gastefans",
	"gasteblock", "torwart", "eishockey", "handball", "basketball", "weltcup", "meisterschaft",
	"spieltag", "football", "soccer", "tournament", "stadium", "voetbal", "wedstrijd", "tournoi",
	"championnat", "regatta"}

// sportWords are whole words of the same kind.
var sportWords = setOf("spiel", "spiele", "fans", "liga", "match", "friendly", "league", "stade", "klub", "club")

func isSport(w string) bool {
	if sportWords[w] {
		return true
	}
	if len(w) < 5 {
		return false
	}
	for _, s := range sportStems {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

func sportsSentence(toks []token) bool {
	for _, t := range toks {
		if isSport(t.norm) {
			return true
		}
	}
	return false
}

// partnershipWords name the partnership itself ("Städtepartnerschaft",
// "jumelage", "stedenband", "sister city").
var partnershipWords = []string{"partner", "jumel", "twinning", "twinned", "stedenband", "zusterst", "sister"}

func partnershipWord(w string) bool {
	for _, p := range partnershipWords {
		if strings.Contains(w, p) {
			return true
		}
	}
	return isCue(w) && len(w) >= 10 && strings.HasPrefix(w, "pa") // a misspelt "Partnerschaft"
}
