package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// captionClass names an element that is an image's caption or credit.
var captionClass = regexp.MustCompile(`(?i)caption|bildunterschrift|unterschrift|legende|legend|credit|copyright|bildnachweis|bildtext|image-text|subline`)

// maxCaption is the longest text taken for a caption; longer text is article.
const maxCaption = 400

// imageBox is the block that belongs to one image: its figure, or the
// largest ancestor holding this image and nothing else but the image's own
// caption elements. Text that shares a block with an image is article text
// and stays: the box then is the image (with its link) alone.
func imageBox(img, root *goquery.Selection) *goquery.Selection {
	if f := img.Closest("figure"); f.Length() > 0 && f.Find("img").Length() == 1 {
		return f
	}
	box := img
	for p := img.Parent(); p.Length() > 0 && !p.IsSelection(root); p = p.Parent() {
		if p.Find("img").Length() > 1 || p.Is("p, li, td, th, blockquote") || !onlyCaptions(p, img) {
			break
		}
		box = p
	}
	return box
}

// onlyCaptions reports whether block holds no text but img's caption elements.
func onlyCaptions(block, img *goquery.Selection) bool {
	rest := block.Clone()
	rest.Find("*").Each(func(_ int, s *goquery.Selection) {
		if isCaption(s, img) {
			s.Remove()
		}
	})
	return cleanText(rest.Text()) == ""
}

// isCaption reports whether s is one of img's caption elements: a
// figcaption, an element whose class says caption or credit, or a short
// text that starts with the image's own alt or title text.
func isCaption(s, img *goquery.Selection) bool {
	if s.Is("figcaption") {
		return true
	}
	t := inlineText(s)
	if t == "" || len(t) > maxCaption {
		return false
	}
	if captionClass.MatchString(attr(s, "class")) {
		return true
	}
	for _, own := range []string{attr(img, "alt"), attr(img, "title")} {
		if k := key(own); len(k) >= 3 && strings.HasPrefix(key(t), k) {
			return true
		}
	}
	return false
}

// captionOf reads an image's caption: in a figure its visible caption
// texts, elsewhere its own caption elements (isCaption), each once; else
// the image's alt or title.
func captionOf(box, img *goquery.Selection) (caption, credit, label string) {
	var texts []string
	seen := map[string]bool{}
	inFigure := box.Is("figure")
	box.Find("figcaption, p, span, div, small, em").Each(func(_ int, s *goquery.Selection) {
		t := inlineText(s)
		if s.Find("figcaption, p, span, div, small, em").Length() > 0 && s.Children().Not("br, a").Length() > 0 {
			// Read the innermost caption elements, and a container's own
			// text ("Caption. <span>Foto: …</span>").
			t = cleanText(ownText(s))
		}
		if !inFigure && !isCaption(s, img) {
			return
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
