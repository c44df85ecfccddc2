package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a sentence.
type token struct {
	text  string // as written
	at    int    // byte offset in the sentence
	norm  string // folded: lowercase, no diacritics
	upper bool   // starts with an uppercase letter
	lower bool   // starts with a lowercase letter
	// sep says what stands between the previous token and this one:
	// ' ' only spaces, '-' a hyphen or slash (compounds), '.' anything else
	// (punctuation, quotes, brackets), '^' nothing (first token).
	sep byte
}

// sentence is one sentence of a document part.
type sentence struct {
	where  string // title, lead, caption, body, teaser
	text   string
	tokens []token
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits s into words. The folded forms share one buffer.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1)
	var folded strings.Builder
	folded.Grow(len(s) + len(s)/8)
	var ends []int
	space, hyphen, other := false, false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			switch r {
			case ' ', '\t', '\n':
				space = true
			case '-', '/', '‐', '‑':
				hyphen = true
			default:
				other = true
			}
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, size2 := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += size2
		}
		sep := byte('.')
		switch {
		case len(toks) == 0:
			sep = '^'
		case other:
			sep = '.'
		case hyphen:
			sep = '-'
		case space:
			sep = ' '
		}
		w := s[i:j]
		foldInto(&folded, w)
		ends = append(ends, folded.Len())
		toks = append(toks, token{text: w, at: i, upper: unicode.IsUpper(r), lower: unicode.IsLower(r), sep: sep})
		space, hyphen, other = false, false, false
		i = j
	}
	all, start := folded.String(), 0
	for k := range toks {
		toks[k].norm = all[start:ends[k]]
		start = ends[k]
	}
	return toks
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{"dr": true, "prof": true, "st": true, "nr": true, "str": true,
	"ca": true, "bzw": true, "vgl": true, "z": true, "b": true, "u": true, "a": true, "i": true,
	"g": true, "hl": true, "mr": true, "mrs": true, "ms": true, "jr": true, "inkl": true, "evtl": true}

// splitSentences splits a text into sentences: at line breaks and at
// sentence-final punctuation followed by a space and an uppercase letter, a
// digit or a quote; not after ordinal numbers ("11. September") or abbreviations.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < len(line) && (line[j] == '"' || line[j] == '\'' || line[j] == ')') {
				j++
			}
			if j >= len(line) || line[j] != ' ' {
				continue
			}
			k := j
			for k < len(line) && line[k] == ' ' {
				k++
			}
			if k >= len(line) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(line[k:])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"„“«‚'", r) {
				continue
			}
			if c == '.' && !endsSentence(line[start:i]) {
				continue
			}
			if s := strings.TrimSpace(line[start:j]); s != "" {
				out = append(out, s)
			}
			start = k
			i = k - 1
		}
		if s := strings.TrimSpace(line[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// endsSentence reports whether a period after text ends a sentence.
func endsSentence(text string) bool {
	end := len(text)
	begin := strings.LastIndexFunc(text, func(r rune) bool { return !isWordRune(r) }) + 1
	w := text[begin:end]
	if w == "" {
		return true
	}
	digits := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	if digits {
		return false
	}
	return !abbreviations[strings.ToLower(w)]
}
