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
			repeated := k == key(caption+credit) || k == key(caption) || credit != "" && strings.HasSuffix(k, key(credit))
			if k == "" || !repeated || credit == "" && caption == "" {
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
