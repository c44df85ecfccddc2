package extract

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TruncateHTML cuts an HTML fragment (a sanitized body) to at most max
// bytes, between elements: it keeps whole elements from the start, and
// goes into the first one that does not fit to keep what of it fits (its
// tags closed). It reports whether it cut anything.
func TruncateHTML(fragment string, max int) (string, bool) {
	if len(fragment) <= max {
		return fragment, false
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return "", true
	}
	var out bytes.Buffer
	keep(&out, nodes, max)
	return out.String(), true
}

// keep writes the nodes that fit into budget bytes; it returns the bytes written.
func keep(out *bytes.Buffer, nodes []*html.Node, budget int) int {
	written := 0
	for _, n := range nodes {
		var one bytes.Buffer
		if err := html.Render(&one, n); err != nil {
			break
		}
		if written+one.Len() <= budget {
			out.Write(one.Bytes())
			written += one.Len()
			continue
		}
		if n.Type == html.ElementNode && n.FirstChild != nil {
			// Keep the element's start of content, inside its own tags.
			open, closing := tags(n)
			if room := budget - written - len(open) - len(closing); room > 0 {
				var inner bytes.Buffer
				var children []*html.Node
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					children = append(children, c)
				}
				if keep(&inner, children, room) > 0 {
					out.WriteString(open)
					out.Write(inner.Bytes())
					out.WriteString(closing)
					written += len(open) + inner.Len() + len(closing)
				}
			}
		}
		break
	}
	return written
}

// tags renders an element's start and end tag.
func tags(n *html.Node) (open, closing string) {
	shallow := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace, Attr: n.Attr}
	var b bytes.Buffer
	html.Render(&b, shallow)
	s := b.String()
	closing = "</" + n.Data + ">"
	return strings.TrimSuffix(s, closing), closing
}

// TruncateText cuts plain text to at most max bytes at the last paragraph
// break that fits, else the last space, else a character boundary.
func TruncateText(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	cut := s[:max]
	if i := strings.LastIndex(cut, "\n\n"); i > 0 {
		return strings.TrimSpace(cut[:i]), true
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		return strings.TrimSpace(cut[:i]), true
	}
	for max > 0 && !isRuneStart(s[max]) {
		max--
	}
	return s[:max], true
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
