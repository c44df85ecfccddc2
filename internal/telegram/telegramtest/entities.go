package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// supportedTags are the tags of the Bot API's HTML parse mode
// (core.telegram.org/bots/api#html-style).
var supportedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "a": true, "code": true, "pre": true,
	"span": true, "tg-spoiler": true, "blockquote": true,
}

// ParseHTML parses text the way the Bot API parses parse_mode=HTML and returns
// the visible text. Errors read like Telegram's ("can't parse entities: …").
// It is stricter than Telegram in one point: an "&" that does not start one of
// the supported entities (&lt; &gt; &amp; &quot; &#NN; &#xHH;) is rejected,
// where Telegram would show it literally; this catches a renderer that forgets
// to escape.
func ParseHTML(text string) (string, error) {
	var out strings.Builder
	var open []string
	for i := 0; i < len(text); {
		switch text[i] {
		case '&':
			r, n, ok := decodeEntity(text[i:])
			if !ok {
				return "", parseErr("unsupported HTML entity at byte offset %d", i)
			}
			out.WriteRune(r)
			i += n
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", parseErr("unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+end]
			if strings.HasPrefix(tag, "/") {
				name := strings.ToLower(strings.TrimSpace(tag[1:]))
				if len(open) == 0 {
					return "", parseErr("unexpected end tag at byte offset %d", i)
				}
				if want := open[len(open)-1]; want != name {
					return "", parseErr("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, want, name)
				}
				open = open[:len(open)-1]
			} else {
				name, attrs, err := splitTag(tag)
				if err != nil {
					return "", parseErr("%v at byte offset %d", err, i)
				}
				if !supportedTags[name] {
					return "", parseErr("unsupported start tag \"%s\" at byte offset %d", name, i)
				}
				if name == "span" && attrs["class"] != "tg-spoiler" {
					return "", parseErr("tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
				}
				open = append(open, name)
			}
			i += end + 1
		default:
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && n == 1 {
				return "", fmt.Errorf("Bad Request: text must be encoded in UTF-8")
			}
			out.WriteRune(r)
			i += n
		}
	}
	if len(open) > 0 {
		return "", parseErr("can't find end tag corresponding to start tag \"%s\"", open[len(open)-1])
	}
	return out.String(), nil
}

func parseErr(format string, args ...any) error {
	return fmt.Errorf("Bad Request: can't parse entities: "+format, args...)
}

// decodeEntity decodes the entity at the start of s.
func decodeEntity(s string) (rune, int, bool) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 12 {
		return 0, 0, false
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0, false
	}
	var n uint64
	var err error
	if name[1] == 'x' || name[1] == 'X' {
		n, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil || n == 0 || n > utf8.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, 0, false
	}
	return rune(n), semi + 1, true
}

// splitTag splits the inside of a start tag into its name and attributes.
func splitTag(tag string) (string, map[string]string, error) {
	name := tag
	rest := ""
	if i := strings.IndexAny(tag, " \t\n"); i >= 0 {
		name, rest = tag[:i], tag[i:]
	}
	name = strings.ToLower(name)
	attrs := map[string]string{}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			return "", nil, fmt.Errorf("expected equal sign in declaration of an attribute of the tag \"%s\"", name)
		}
		key := strings.ToLower(strings.TrimSpace(rest[:eq]))
		rest = strings.TrimLeft(rest[eq+1:], " \t\n")
		var val string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				return "", nil, fmt.Errorf("unclosed attribute value of the tag \"%s\"", name)
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, " \t\n")
			if end < 0 {
				end = len(rest)
			}
			val, rest = rest[:end], rest[end:]
		}
		decoded, err := ParseHTML(val)
		if err != nil {
			return "", nil, fmt.Errorf("bad attribute value")
		}
		attrs[key] = decoded
	}
	return name, attrs, nil
}

// UTF16Len is the length Telegram measures text in.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
