package tag

import (
	"slices"
	"strings"
	"unicode"
)

// LookupAll finds every partner a user names in a list of names ("Venlo
// Leiden", "Dunkerque, Landkreis Oder-Spree"), each matched as Lookup
// matches one name, the longest name at each position first (so a name of
// several words is not split into shorter ones). It returns the partners'
// slugs in the order they were named, each once, and the words that name
// no partner, as written (separated by spaces, commas or semicolons; words
// without a letter or digit are left out).
func (t *Tagger) LookupAll(text string) (slugs, unknown []string) {
	s := clean(strings.TrimSpace(text))
	toks := tokenize(s)
	for i := range toks {
		toks[i].upper = true // users type names in lowercase
	}
	covered := make([]bool, len(toks))
	seen := map[int]bool{}
	for _, m := range t.lookup.find(toks, nil) {
		for k := m.start; k < m.end; k++ {
			covered[k] = true
		}
		if !seen[m.partner] {
			seen[m.partner] = true
			slugs = append(slugs, t.partners[m.partner].Slug)
		}
	}
	k := 0 // the first token not yet placed in a field
	for _, f := range listFields(s) {
		first := k
		for k < len(toks) && toks[k].at < f[1] {
			k++
		}
		unknown = append(unknown, uncovered(s, f, toks[first:k], covered[first:k])...)
	}
	return slugs, unknown
}

// listFields returns the byte ranges of the items of a list: runs of text
// between spaces, commas and semicolons.
func listFields(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		sep := unicode.IsSpace(r) || r == ',' || r == ';'
		switch {
		case sep && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// uncovered returns what names no partner in one list item: the whole item
// when none of its words does, else its other words (hyphenated ones together).
func uncovered(s string, field [2]int, toks []token, covered []bool) []string {
	if len(toks) == 0 {
		return nil
	}
	if !slices.Contains(covered, true) {
		return []string{s[field[0]:field[1]]}
	}
	var out []string
	for i := 0; i < len(toks); i++ {
		if covered[i] {
			continue
		}
		j := i
		for j+1 < len(toks) && !covered[j+1] && toks[j+1].sep == '-' {
			j++
		}
		out = append(out, s[toks[i].at:toks[j].at+len(toks[j].text)])
		i = j
	}
	return out
}
