package tag

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/config"
)

// inflections are the endings German adds to place names: genitive
// (Venlos, Leicesters), inhabitants and adjectives (Venloer, Dünkircheners,
// Leidenerin).
var inflections = []string{"", "s", "es", "er", "ers", "ern", "erin", "erinnen"}

// aliasForm is one spelling of one alias, folded into tokens.
type aliasForm struct {
	partner int
	alias   string   // as configured
	toks    []string // folded tokens
	capital bool     // the alias is written with a capital letter (a proper name)
}

// mention is one place in a sentence where an alias matched.
type mention struct {
	partner    int
	alias      string
	text       string // the words as written in the document
	start, end int    // token range in the sentence
	fuzzy      bool   // matched with a spelling mistake
	suffix     string // the inflection added to the alias ("s" in "Leidens")
	words      int    // number of words of the alias
	capital    bool   // the alias is a capitalized name
}

// matcher finds the configured aliases in tokenized sentences.
type matcher struct {
	forms    []aliasForm
	index    map[string][]int // a token (inflected for one-word aliases) → forms starting with it
	fuzzy    map[string][]int // first two letters → one-word forms long enough for typo tolerance
	excludes [][][]string     // per partner: folded token sequences that never count
}

func newMatcher(partners []config.Partner) *matcher {
	m := &matcher{index: map[string][]int{}, fuzzy: map[string][]int{}, excludes: make([][][]string, len(partners))}
	for pi, p := range partners {
		seen := map[string]bool{}
		for _, a := range aliasesOf(p) {
			for _, spelling := range []string{a, umlautVariant(a)} {
				toks := normTokens(spelling)
				key := strings.Join(toks, " ")
				if len(toks) == 0 || seen[key] {
					continue
				}
				seen[key] = true
				r, _ := utf8.DecodeRuneInString(a)
				m.addForm(aliasForm{partner: pi, alias: a, toks: toks, capital: unicode.IsUpper(r)})
			}
		}
		for _, x := range p.Exclude {
			if toks := normTokens(x); len(toks) > 0 {
				m.excludes[pi] = append(m.excludes[pi], toks)
			}
		}
	}
	return m
}

// aliasesOf returns the partner's aliases, and its names when it has none.
func aliasesOf(p config.Partner) []string {
	if len(p.Aliases) > 0 {
		return p.Aliases
	}
	return namesOf(p)
}

// namesOf returns the partner's names ordered by language tag.
func namesOf(p config.Partner) []string {
	langs := make([]string, 0, len(p.Names))
	for l := range p.Names {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = p.Names[l]
	}
	return out
}

func normTokens(s string) []string {
	var out []string
	for _, t := range tokenize(clean(s)) {
		out = append(out, t.norm)
	}
	return out
}

func (m *matcher) addForm(f aliasForm) {
	i := len(m.forms)
	m.forms = append(m.forms, f)
	add := func(idx map[string][]int, key string) {
		for _, j := range idx[key] {
			if j == i {
				return
			}
		}
		idx[key] = append(idx[key], i)
	}
	if len(f.toks) > 1 {
		add(m.index, f.toks[0])
		return
	}
	for _, suf := range inflections {
		add(m.index, f.toks[0]+suf)
	}
	if maxTypos(f.toks[0]) > 0 {
		add(m.fuzzy, prefix2(f.toks[0]))
	}
}

// maxTypos is how many spelling mistakes are tolerated in a word: none in
// short words, where a mistake makes another word.
func maxTypos(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n >= 10:
		return 2
	case n >= 8:
		return 1
	}
	return 0
}

func prefix2(w string) string {
	_, a := utf8.DecodeRuneInString(w)
	_, b := utf8.DecodeRuneInString(w[a:])
	return w[:a+b]
}

// find returns every alias match in the tokens, longest match first at each
// position, left to right without overlaps.
func (m *matcher) find(toks []token, out []mention) []mention {
	for i := 0; i < len(toks); i++ {
		best, bestLen := -1, 0
		for _, fi := range m.index[toks[i].norm] {
			f := &m.forms[fi]
			if n := len(f.toks); n > bestLen && matchesAt(toks, i, f.toks) {
				best, bestLen = fi, n
			}
		}
		fuzzy := false
		if best < 0 {
			best = m.fuzzyAt(toks[i])
			bestLen, fuzzy = 1, true
		}
		if best < 0 {
			continue
		}
		f := &m.forms[best]
		suffix := ""
		if last := toks[i+bestLen-1].norm; !fuzzy && len(last) > len(f.toks[len(f.toks)-1]) {
			suffix = last[len(f.toks[len(f.toks)-1]):]
		}
		out = append(out, mention{partner: f.partner, alias: f.alias, text: joinText(toks[i : i+bestLen]),
			start: i, end: i + bestLen, fuzzy: fuzzy, suffix: suffix, words: len(f.toks), capital: f.capital})
		i += bestLen - 1
	}
	return out
}

// matchesAt reports whether the alias tokens stand at toks[i:], joined by
// spaces or hyphens, the last one possibly inflected.
func matchesAt(toks []token, i int, alias []string) bool {
	if i+len(alias) > len(toks) {
		return false
	}
	for k, a := range alias {
		t := toks[i+k]
		if k > 0 && t.sep != ' ' && t.sep != '-' {
			return false
		}
		if t.norm == a {
			continue
		}
		if k < len(alias)-1 || !strings.HasPrefix(t.norm, a) || !isInflection(t.norm[len(a):]) {
			return false
		}
	}
	return true
}

func isInflection(suffix string) bool {
	for _, s := range inflections {
		if s == suffix {
			return true
		}
	}
	return false
}

// fuzzyAt finds a one-word alias the token is a misspelling of. Only
// capitalized words of eight letters or more are considered.
func (m *matcher) fuzzyAt(t token) int {
	if !t.upper || len(t.norm) < 8 {
		return -1
	}
	for _, fi := range m.fuzzy[prefix2(t.norm)] {
		a := m.forms[fi].toks[0]
		limit := maxTypos(a)
		if d := distance(t.norm, a, limit); d <= limit {
			return fi
		}
		// A misspelt inflected form: "Kropywnyzkyjs".
		for _, suf := range inflections[1:] {
			if strings.HasSuffix(t.norm, suf) && distance(t.norm[:len(t.norm)-len(suf)], a, limit) <= limit {
				return fi
			}
		}
	}
	return -1
}

// excluded reports whether the token range lies inside one of the partner's
// exclude phrases in toks. A longer alias that contains an exclude phrase
// ("Leicester City Council" beside the excluded "Leicester City") still counts.
func (m *matcher) excluded(partner int, toks []token, start, end int) (string, bool) {
	for _, x := range m.excludes[partner] {
		for s := max(0, end-len(x)); s <= start && s+len(x) <= len(toks); s++ {
			ok := true
			for k, w := range x {
				t := toks[s+k].norm
				if t != w && !(k == len(x)-1 && strings.HasPrefix(t, w) && isInflection(t[len(w):])) {
					ok = false
					break
				}
			}
			if ok {
				return joinText(toks[s : s+len(x)]), true
			}
		}
	}
	return "", false
}

func joinText(toks []token) string {
	if len(toks) == 1 {
		return toks[0].text
	}
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			if t.sep == '-' {
				b.WriteByte('-')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t.text)
	}
	return b.String()
}
