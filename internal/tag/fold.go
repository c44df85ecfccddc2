package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps Latin and Cyrillic letters with diacritics to their base
// letters (lowercase), built once from Unicode decompositions.
var foldTable = buildFoldTable()

const foldTableEnd = 0x0500

func buildFoldTable() []string {
	t := make([]string, foldTableEnd)
	for r := rune(0); r < foldTableEnd; r++ {
		lower := unicode.ToLower(r)
		var b strings.Builder
		for _, d := range norm.NFD.String(string(lower)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
		t[r] = b.String()
	}
	special := map[rune]string{'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
		'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i", 'þ': "th", 'Þ': "th"}
	for r, s := range special {
		if r < foldTableEnd {
			t[r] = s
		}
	}
	return t
}

// fold returns s lowercased and without diacritics ("Dünkirchen" → "dunkirchen").
func fold(s string) string {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	foldInto(&b, s)
	return b.String()
}

// foldInto writes the folded form of s to b.
func foldInto(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if r < foldTableEnd {
					b.WriteString(foldTable[r])
				} else {
					b.WriteRune(unicode.ToLower(r))
				}
			}
			return
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

// umlautVariant spells German umlauts as two letters ("Dünkirchen" →
// "Duenkirchen"), the form used where umlauts are unavailable.
func umlautVariant(s string) string {
	if !strings.ContainsAny(s, "äöüÄÖÜ") {
		return ""
	}
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue").Replace(s)
}

// invisible are characters that never separate or form words in scraped text.
var invisible = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "",
	"\u00a0", " ", "\u202f", " ", "\u2009", " ", "\r", "")

// invisibleChars are the characters invisible replaces.
const invisibleChars = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f\u2009\r"

// clean removes soft hyphens and invisible characters and joins words split by a
// line-break hyphen ("Dünkir- chen" → "Dünkirchen", not "Schul- und").
func clean(s string) string {
	if strings.ContainsAny(s, invisibleChars) {
		s = invisible.Replace(s)
	}
	var b strings.Builder
	done := 0 // s[:done] is written to b (once b is in use)
	for from := 0; ; {
		k := strings.IndexByte(s[from:], '-')
		if k < 0 {
			break
		}
		i := from + k
		from = i + 1
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t') {
			j++
		}
		if j == i+1 || j >= len(s) || i == 0 || !isLetterBefore(s, i) || !joinsWord(s[j:]) {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:i])
		done, from = j, j
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// joinsWord reports whether rest starts with a lowercase word that continues a
// hyphenated word (and not a conjunction as in "Schul- und Kulturamt").
func joinsWord(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsLower(r) {
		return false
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	switch rest[:end] {
	case "und", "oder", "bzw", "sowie", "als", "bis", "wie", "and", "or", "et", "en", "of":
		return false
	}
	return true
}
