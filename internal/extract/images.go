package extract

import (
	"html"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	nethtml "golang.org/x/net/html"
)

// creditLabel starts an image credit; the label is capitalized, so "Leitbild:"
// is not one, but a caption glued to it ("…PlatzFoto: X") still splits.
var creditLabel = regexp.MustCompile(`(Bild|Bilder|Fotos?|Grafik|Repro|Quelle|Copyright|Abbildung)\s*:\s*|©\s*`)

// splitCredit separates "Caption. Bild: Credit" into caption, credit and
// the credit's label as written ("Bild:", "Foto:", "©").
func splitCredit(s string) (caption, credit, label string) {
	s = cleanText(s)
	m := creditLabel.FindStringIndex(s)
	if m == nil {
		return s, "", ""
	}
	return strings.TrimSpace(s[:m[0]]), strings.TrimSpace(s[m[1]:]), strings.TrimSpace(s[m[0]:m[1]])
}

// key compares texts regardless of whitespace.
func key(s string) string { return strings.ToLower(strings.ReplaceAll(squeeze(s), " ", "")) }

// images collects the content's images with caption and credit and replaces
// each image's block by one normalized <figure>, so that captions shown twice
// (alt text, then visible caption) appear once.
func (e *extraction) images() []Image {
	sel := "img"
	if e.o.Selectors.Image != "" {
		sel = e.o.Selectors.Image
	}
	var out []Image
	seen := map[string]bool{}
	e.root.Find(sel).Each(func(_ int, img *goquery.Selection) {
		if !img.Is("img") {
			img = img.Find("img").First()
		}
		src := firstNonEmpty(attr(img, "src"), attr(img, "data-src"))
		u, err := e.base.Parse(src)
		if src == "" || strings.HasPrefix(src, "data:") || err != nil {
			img.Remove()
			return
		}
		box := imageBox(img, e.root)
		caption, credit, label := captionOf(box, img)
		full := strings.TrimSpace(caption + " " + credit)
		im := Image{URL: u.String(), Caption: caption, Credit: credit}
		fig := `<figure><img src="` + html.EscapeString(im.URL) + `" alt="` + html.EscapeString(caption) + `">`
		if full != "" {
			fig += "<figcaption>" + html.EscapeString(caption)
			if credit != "" {
				fig += " <small>" + html.EscapeString(label+" "+credit) + "</small>"
			}
			fig += "</figcaption>"
		}
		fig += "</figure>"
		// A caption repeated right after the block is the same caption again.
		for next := box.Next(); next.Length() > 0 && next.Find("img").Length() == 0; next = box.Next() {
			k := key(inlineText(next))
			if k == "" || k != key(caption+credit) && k != key(caption) && (credit == "" || !strings.HasSuffix(k, key(credit))) ||
				credit == "" && caption == "" {
				break
			}
			next.Remove()
		}
		box.ReplaceWithHtml(fig)
		if !seen[im.URL] {
			seen[im.URL] = true
			out = append(out, im)
		}
	})
	return out
}

// imageBox is the block that belongs to one image: its figure, or the
// largest ancestor holding only this image and short caption text.
func imageBox(img, root *goquery.Selection) *goquery.Selection {
	if f := img.Closest("figure"); f.Length() > 0 && f.Find("img").Length() == 1 {
		return f
	}
	box := img
	for p := img.Parent(); p.Length() > 0 && !p.IsSelection(root); p = p.Parent() {
		// Text beside the box beyond a caption's length is the article's.
		beside := len(inlineText(p)) - len(inlineText(box))
		if p.Find("img").Length() > 1 || len(inlineText(p)) > 600 || beside > 250 ||
			p.Is("p, li, td") && len(cleanText(p.Text())) > 0 && p.Find("figcaption, .caption").Length() == 0 {
			break
		}
		box = p
	}
	return box
}

// captionOf reads a block's caption: its visible caption texts, each once,
// else the image's alt or title.
func captionOf(box, img *goquery.Selection) (caption, credit, label string) {
	var texts []string
	seen := map[string]bool{}
	box.Find("figcaption, p, span, div, small, em").Each(func(_ int, s *goquery.Selection) {
		t := inlineText(s)
		if s.Find("figcaption, p, span, div, small, em").Length() > 0 && s.Children().Not("br, a").Length() > 0 {
			// Read the innermost caption elements, and a container's own
			// text ("Caption. <span>Foto: …</span>").
			t = cleanText(ownText(s))
		}
		if t == "" {
			return
		}
		for k := range seen {
			if strings.Contains(k, key(t)) {
				return
			}
		}
		seen[key(t)] = true
		texts = append(texts, t)
	})
	if len(texts) == 0 {
		texts = []string{firstNonEmpty(attr(img, "alt"), attr(img, "title"))}
	}
	for _, t := range texts {
		c, cr, l := splitCredit(t)
		caption = firstNonEmpty(caption, c)
		if credit == "" {
			credit, label = cr, l
		}
	}
	return caption, credit, label
}

// ownText is the text of s's own text nodes, not of its child elements.
func ownText(s *goquery.Selection) string {
	var b strings.Builder
	for _, n := range s.Nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == nethtml.TextNode {
				b.WriteString(c.Data)
			}
		}
	}
	return b.String()
}
