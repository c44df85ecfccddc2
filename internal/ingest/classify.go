package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/partnerfeed/partnerfeed/internal/boilerplate"
	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// PageKind says what a page is: one release, or a page listing others.
type PageKind int

// The kinds of pages.
const (
	// KindArticle is one release: a main text outside any run of teasers.
	KindArticle PageKind = iota
	// KindListing lists other pages (a press listing, an overview, a
	// category or tag page): teasers and no main text of its own.
	KindListing
)

func (k PageKind) String() string {
	if k == KindListing {
		return "listing"
	}
	return "article"
}

// PageShape is what ClassifyPage saw on a page.
type PageShape struct {
	Kind PageKind
	// Teasers is the number of blocks in the largest group of blocks of the
	// same shape that each link to one other page of the site.
	Teasers int
	// Shape names that group's markup ("main>div.news-item"); pages of one
	// listing share it.
	Shape string
	// TeaserText and MainText are the characters of text inside the teaser
	// groups and of paragraph text outside them.
	TeaserText, MainText int
}

// minMainText is paragraph text (characters) that is surely a release's;
// a page with teasers and less than half of it is a listing.
const minMainText = 300

// classifyNoise is never part of either a listing or a release.
const classifyNoise = `script, style, noscript, template, nav, header, footer, aside, form, [role="navigation"]`

// ClassifyPage tells a listing from a release without selectors, in the
// page's main content: a listing is made of teasers (a link to another page
// with a title, maybe an excerpt, a date, a read-more link) and has no main
// text of its own; a release has a main text (paragraphs outside teasers)
// longer than its teasers (related boxes, recent posts). A page with neither
// is no release either.
func ClassifyPage(pageURL string, page []byte) (PageShape, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return PageShape{}, fmt.Errorf("ingest: bad page URL: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return PageShape{}, fmt.Errorf("ingest: parse %s: %w", pageURL, err)
	}
	return classify(doc, baseOf(doc, base)), nil
}

func classify(doc *goquery.Document, base *url.URL) PageShape {
	var body *goquery.Selection
	for _, s := range listingScopes {
		if f := doc.Find(s).First(); f.Length() > 0 {
			body = f.Clone()
			break
		}
	}
	if body == nil {
		return PageShape{Kind: KindListing}
	}
	body.Find(classifyNoise).Remove()
	groups := map[string][]*html.Node{}
	inTeaser := map[*html.Node]bool{}
	related := relatedBoxes(body)
	for _, b := range teaserBlocks(body, base) {
		sig := shapeOf(b)
		groups[sig] = append(groups[sig], b)
	}
	var sh PageShape
	sigs := make([]string, 0, len(groups))
	for sig := range groups {
		sigs = append(sigs, sig)
	}
	sort.Strings(sigs)
	for _, sig := range sigs {
		blocks := groups[sig]
		if len(blocks) > sh.Teasers {
			sh.Teasers, sh.Shape = len(blocks), sig
		}
		items := blocks
		if len(blocks) >= 2 {
			items = teaserItems(blocks, body.Get(0))
		}
		for _, b := range items {
			inTeaser[b] = true
			if len(items) >= 2 && !insideAny(b, related) {
				sh.TeaserText += len(cleanText(goquery.NewDocumentFromNode(b).Text()))
			}
		}
	}
	sh.MainText = mainText(body.Get(0), inTeaser)
	if sh.Teasers >= 1 && (sh.MainText < minMainText/2 || sh.Teasers >= 2 && sh.MainText < sh.TeaserText) ||
		sh.Teasers == 0 && sh.MainText == 0 {
		sh.Kind = KindListing
	}
	return sh
}

// textBlocks are the elements whose text is read as one paragraph.
var textBlocks = map[string]bool{"p": true, "div": true, "li": true, "dd": true, "td": true, "blockquote": true,
	"section": true, "article": true, "main": true, "body": true}

// mainText is the text outside teasers and links, counted per paragraph
// (the nearest block element: text in a <div> with <br>s counts as well as
// in <p>s), of the paragraphs with at least 40 characters: dates, labels and
// pager lines do not count.
func mainText(root *html.Node, inTeaser map[*html.Node]bool) int {
	acc := map[*html.Node]int{}
	var walk func(n, block *html.Node)
	walk = func(n, block *html.Node) {
		switch {
		case inTeaser[n]:
			return
		case n.Type == html.TextNode:
			acc[block] += len(cleanText(n.Data))
			return
		case n.Type == html.ElementNode && (n.Data == "a" || n.Data == "script" || n.Data == "style"):
			return
		case n.Type == html.ElementNode && textBlocks[n.Data]:
			block = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, block)
		}
	}
	walk(root, root)
	total := 0
	for _, t := range acc {
		if t >= 40 {
			total += t
		}
	}
	return total
}

// teaserBlocks are, for each link to another page of the site, the largest
// element around it that links to that page only, when it has the shape of a
// teaser: a linked heading, a link text that is a third of its text or
// more, or a read-more link. Inline links in a paragraph are not teasers.
func teaserBlocks(body *goquery.Selection, base *url.URL) []*html.Node {
	target := func(a *goquery.Selection) string {
		href := strings.TrimSpace(a.AttrOr("href", ""))
		u, err := base.Parse(href)
		if err != nil || href == "" || strings.HasPrefix(href, "#") || (u.Scheme != "http" && u.Scheme != "https") ||
			!extract.SameSite(u.Host, base.Host) || fileSuffix.MatchString(u.Path) {
			return ""
		}
		u.Fragment = ""
		return u.String()
	}
	// under[n] is the one page linked under n; multi marks nodes with more.
	under := map[*html.Node]string{}
	multi := map[*html.Node]bool{}
	var walk func(n *html.Node) (string, bool)
	walk = func(n *html.Node) (string, bool) {
		one, many := "", false
		if n.Type == html.ElementNode && n.Data == "a" {
			one = target(goquery.NewDocumentFromNode(n).Selection)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t, m := walk(c)
			if m || t != "" && one != "" && t != one {
				many = true
			}
			if one == "" {
				one = t
			}
		}
		under[n], multi[n] = one, many
		return one, many
	}
	for _, n := range body.Nodes {
		walk(n)
	}
	seen := map[*html.Node]bool{}
	var out []*html.Node
	body.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		t := under[a.Get(0)]
		if t == "" {
			return
		}
		block := a
		for p := block.Parent(); p.Length() > 0 && p.Get(0) != body.Get(0); p = p.Parent() {
			if n := p.Get(0); multi[n] || under[n] != t {
				break
			}
			block = p
		}
		n := block.Get(0)
		if seen[n] {
			return
		}
		seen[n] = true
		text := cleanText(block.Text())
		linkText := cleanText(a.Text())
		teaser := block.Is("h1, h2, h3, h4, h5, h6") || a.ParentsFiltered("h2, h3, h4, h5, h6").Length() > 0 ||
			len(linkText)*3 >= len(text) || boilerplate.Is(linkText, boilerplate.ReadMore)
		if teaser && len(text) < 1500 {
			out = append(out, n)
		}
	})
	return out
}

// teaserItems are the items a group of same-shaped teaser blocks belongs
// to: their ancestors up to the level below the one they share (a teaser's
// title block inside an item with its date, excerpt and tags).
func teaserItems(blocks []*html.Node, root *html.Node) []*html.Node {
	items := blocks
	for {
		up := make([]*html.Node, len(items))
		seen := map[*html.Node]bool{}
		for i, n := range items {
			p := n.Parent
			if p == nil || p == root || seen[p] {
				return items
			}
			seen[p], up[i] = true, p
		}
		items = up
	}
}

// relatedBoxes are the elements opened by a teaser heading ("Weitere
// Beiträge …", "Related posts"): their teasers are a release's related box,
// not a listing.
func relatedBoxes(body *goquery.Selection) map[*html.Node]bool {
	boxes := map[*html.Node]bool{}
	body.Find("h2, h3, h4, h5, h6, strong, b, p, span, div").Each(func(_ int, h *goquery.Selection) {
		if h.Children().Length() > 1 || h.Find("a").Length() > 0 || h.Is("a") {
			return // a teaser heading is no link ("Read more" is one)
		}
		if t := h.Text(); len(t) < 200 && boilerplate.Starts(t, boilerplate.TeaserHeadings) {
			boxes[h.Parent().Get(0)] = true
		}
	})
	return boxes
}

// shapeOf names a block's markup: its parent's and its own tag and classes.
func shapeOf(n *html.Node) string {
	name := func(n *html.Node) string {
		if n == nil || n.Type != html.ElementNode {
			return ""
		}
		s := n.Data
		for _, a := range n.Attr {
			if a.Key == "class" {
				cls := strings.Fields(a.Val)
				sort.Strings(cls)
				for _, c := range cls {
					if !strings.ContainsAny(c, "0123456789") { // "post-123", "item-3": per item
						s += "." + c
					}
				}
			}
		}
		return s
	}
	return name(n.Parent) + ">" + name(n)
}

// insideAny reports whether n or one of its ancestors is in set.
func insideAny(n *html.Node, set map[*html.Node]bool) bool {
	for ; n != nil; n = n.Parent {
		if set[n] {
			return true
		}
	}
	return false
}

// cleanText collapses white space.
func cleanText(s string) string { return strings.Join(strings.Fields(s), " ") }
