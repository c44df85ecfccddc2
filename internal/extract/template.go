package extract

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Template is a source's site template, learned from its own article pages
// (the classic site-template detection): a block of text that repeats on
// several of the source's pages (the share bar, the back link, the
// newsletter box, the footer that sits inside the content) is template, not
// release. It needs no selectors and survives between passes (the store
// keeps it), so a pass that reads one new page knows the template already.
// A Template is not safe for concurrent use.
type Template struct {
	pages int
	seen  map[uint64]int // block fingerprint -> article pages it was on
}

const (
	// templateMinPages is how many other pages a block must be on to be
	// template; templateMature is how many pages make a template trustworthy.
	templateMinPages = 2
	templateMature   = 3
	// templateWindow bounds memory and lets a relaunched site's new template
	// win: past twice this many pages, all counts are halved.
	templateWindow = 60
	// templateMaxBlocks bounds the blocks kept; rare ones go first.
	templateMaxBlocks = 5000
)

// NewTemplate returns an empty template.
func NewTemplate() *Template { return &Template{seen: map[uint64]int{}} }

// Pages is the number of article pages the template learned from (halved
// with its counts past the window).
func (t *Template) Pages() int { return t.pages }

// Mature reports whether the template has seen enough pages to be trusted:
// a page extracted before may still hold template blocks.
func (t *Template) Mature() bool { return t.pages >= templateMature }

// Learn adds one article page's block fingerprints (Article.Blocks).
func (t *Template) Learn(blocks []uint64) {
	if len(blocks) == 0 {
		return
	}
	t.pages++
	for _, b := range blocks {
		t.seen[b]++
	}
	if t.pages >= 2*templateWindow {
		t.pages /= 2
		for b, n := range t.seen {
			if n /= 2; n == 0 {
				delete(t.seen, b)
			} else {
				t.seen[b] = n
			}
		}
	}
	for n := 1; len(t.seen) > templateMaxBlocks; n++ {
		maps.DeleteFunc(t.seen, func(_ uint64, c int) bool { return c <= n })
	}
}

// Has reports whether a block is template: seen on at least two other
// pages, and on at least half of the pages learned.
func (t *Template) Has(block uint64) bool {
	if t == nil {
		return false
	}
	n := t.seen[block]
	return n >= templateMinPages && 2*n >= t.pages
}

// templateJSON is the stored form of a Template.
type templateJSON struct {
	Pages  int            `json:"pages"`
	Blocks map[string]int `json:"blocks"`
}

// MarshalText stores the template (for the source's state in the store).
func (t *Template) MarshalText() ([]byte, error) {
	j := templateJSON{Pages: t.pages, Blocks: make(map[string]int, len(t.seen))}
	for b, n := range t.seen {
		j.Blocks[strconv.FormatUint(b, 36)] = n
	}
	return json.Marshal(j)
}

// UnmarshalText reads a template stored by MarshalText.
func (t *Template) UnmarshalText(data []byte) error {
	var j templateJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("extract: read template: %w", err)
	}
	if j.Pages < 0 {
		return fmt.Errorf("extract: read template: %d pages", j.Pages)
	}
	t.pages, t.seen = j.Pages, make(map[uint64]int, len(j.Blocks))
	for k, n := range j.Blocks {
		b, err := strconv.ParseUint(k, 36, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("extract: read template: bad block %q", k)
		}
		t.seen[b] = n
	}
	return nil
}

// Equal reports whether two templates hold the same blocks and counts.
func (t *Template) Equal(o *Template) bool {
	return t.pages == o.pages && maps.Equal(t.seen, o.seen)
}

// templateBlocks are the content's text blocks that a template may hold:
// block elements with text of their own and no block inside, except
// figures (they belong to the release even when they repeat) and credits.
func templateBlocks(root *goquery.Selection, visit func(n *html.Node, fingerprint uint64)) {
	var walk func(n *html.Node) bool // reports whether n holds a block element
	walk = func(n *html.Node) bool {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		if n.Type == html.ElementNode && (n.Data == "figure" || n.Data == "img" || n.Data == "picture") {
			return true
		}
		hasBlock := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				hasBlock = true
			}
		}
		block := n.Type == html.ElementNode && (blockTags[n.Data] || n.Data == "td" || n.Data == "figcaption")
		if block && !hasBlock {
			if raw := nodeText(n); !isCredit(raw) {
				if k := key(raw); len(k) >= 2 {
					visit(n, fingerprint(n.Data, maskDigits(k)))
				}
			}
		}
		return hasBlock || block
	}
	for _, n := range root.Nodes {
		walk(n)
	}
}

// isCredit reports whether a short text holds an image credit ("Foto: …").
func isCredit(s string) bool {
	return len(s) < 300 && strings.ContainsAny(s, ":©") && creditLabel.MatchString(s)
}

// monthInDate is a month name between a day and a year in a key.
var monthInDate = regexp.MustCompile(`([0-9](?:\.|er)?)(?:` + monthNames() + `)\.?([0-9])`)

// maskDigits makes a short block's digits (and the month of a date) one: a
// line that repeats on every page but for its numbers ("Last updated:
// 14.06.2024 10:12", "Letzte Aktualisierung 3. Mai 2024", "Page 1 of 3") is template all
// the same. Long blocks keep their digits: two
// paragraphs that differ in their figures are two paragraphs.
func maskDigits(k string) string {
	if len(k) > 80 || !strings.ContainsAny(k, "0123456789") {
		return k
	}
	// A month written as a word between day and year is one of the numbers
	// ("14.juni2024": key has no spaces).
	k = monthInDate.ReplaceAllString(k, "${1}m$2")
	return digitRun.ReplaceAllString(k, "0")
}

// digitRun is a run of digits ("12" and "4" are both one number).
var digitRun = regexp.MustCompile(`[0-9]+`)

// fingerprint is a block's identity across pages: its tag and its text,
// whitespace and case ignored.
func fingerprint(tag, text string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(tag))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return h.Sum64()
}

// nodeText is the text under n.
func nodeText(n *html.Node) string {
	var b []byte
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b = append(b, n.Data...)
			b = append(b, ' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return string(b)
}

// removeTemplate takes the template's blocks out of the content, and any
// element left empty by that, and records the page's blocks for learning.
func (e *extraction) removeTemplate(a *Article) {
	var doomed []*html.Node
	seen := map[uint64]bool{}
	templateBlocks(e.root, func(n *html.Node, fp uint64) {
		if !seen[fp] {
			seen[fp] = true
			a.Blocks = append(a.Blocks, fp)
		}
		if e.o.Template.Has(fp) {
			doomed = append(doomed, n)
		}
	})
	for _, n := range doomed {
		if n.Parent == nil {
			continue
		}
		s := goquery.NewDocumentFromNode(n).Selection
		e.cut("template", s)
		a.TemplateBlocks++
		parent := n.Parent
		parent.RemoveChild(n)
		removeEmpty(parent, e.root.Get(0))
	}
}

// removeEmpty removes n and its ancestors below root while they hold no
// text and no image.
func removeEmpty(n, root *html.Node) {
	for n != nil && n != root && n.Parent != nil {
		if key(nodeText(n)) != "" || goquery.NewDocumentFromNode(n).FindMatcher(mediaMatcher).Length() > 0 {
			return
		}
		p := n.Parent
		p.RemoveChild(n)
		n = p
	}
}
