package tag

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/boilerplate"
)

// skipLinks are accessibility links that precede a page's content.
var skipLinks = setOf(boilerplate.SkipLinks...)

// teaserHeadings start the boxes of related articles and navigation after an
// article ("Weitere Beiträge mit Bildergalerie:"); from there on nothing counts.
var teaserHeadings = boilerplate.TeaserHeadings

func isTeaserHeading(l string) bool {
	head := strings.ToLower(l[:min(len(l), 48)])
	for _, p := range teaserHeadings {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// dateLine is a line that only dates the article.
var dateLine = regexp.MustCompile(`(?i)^((veröffentlicht|erstellt|aktualisiert)( am)?|zuletzt geändert|stand|datum|published|updated|publié le)\s*:?\s*[0-9]|^[0-9]{1,2}\.\s?([0-9]{1,2}\.|[a-zäöü]+ )\s?[0-9]{2,4}\s*$`)

// credit finds an image credit ("Bild: Stadt Krefeld"), also when glued to the
// caption ("…PlatzFoto: …").
var credit = regexp.MustCompile(`(^|[\s.!?)"“”a-zäöüß])(Bild|Bilder|Foto|Fotos|Grafik|Repro|Quelle|Abbildung|Illustration|Photo|Crédit|Credit)\s?:`)

// creditWords are the words credit looks for; lines without any skip the regexp.
var creditWords = []string{"Bild", "Foto", "Grafik", "Repro", "Quelle", "Abbildung", "Illustration", "Photo", "Crédit", "Credit"}

func findCredit(l string) []int {
	if !strings.Contains(l, ":") {
		return nil
	}
	for _, w := range creditWords {
		if strings.Contains(l, w) {
			return credit.FindStringSubmatchIndex(l)
		}
	}
	return nil
}

// galleryLine is a gallery heading, not text.
var galleryLine = regexp.MustCompile(`(?i)^bildergalerie\b`)

// ParseText reads an article copied from a page as plain text: it skips the
// skip link, takes the first line as the title, drops date lines, takes image
// captions out of the text (credits removed, repeats dropped), cuts the
// trailing teaser boxes into Ignored, and splits lead (subtitle and first
// paragraph) from body.
func ParseText(s string) Document {
	lines := strings.Split(clean(s), "\n")
	for i, l := range lines {
		if i > 30 {
			break
		}
		if skipLinks[strings.ToLower(strings.TrimSpace(l))] {
			lines = lines[i+1:]
			break
		}
	}
	var d Document
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			d.Title = t
			lines = lines[i+1:]
			break
		}
	}
	fromLines(&d, lines)
	return d
}

// fromLines fills lead, body, captions and ignored text from an article's lines
// (the title already taken).
func fromLines(d *Document, lines []string) {
	var kept []string
	seenCaption := map[string]bool{}
	lastWasCaption := false
	for i, raw := range lines {
		l := strings.Join(strings.Fields(raw), " ")
		if l == "" {
			continue
		}
		// Headings, date and gallery lines are short; long lines are text.
		short := len(l) < 160
		if short && isTeaserHeading(l) {
			d.Ignored = strings.Join(lines[i:], "\n")
			break
		}
		if short && (strings.ContainsAny(l, "0123456789") && dateLine.MatchString(l) || galleryLine.MatchString(l)) {
			continue
		}
		if loc := findCredit(l); loc != nil {
			cap := strings.TrimSpace(l[:loc[3]])
			// A credit on its own line belongs to the caption line above it,
			// unless that one was a caption already.
			if cap == "" && !lastWasCaption && len(kept) > 0 {
				cap = kept[len(kept)-1]
				kept = kept[:len(kept)-1]
			}
			if cap != "" {
				d.Captions = append(d.Captions, cap)
				seenCaption[cap] = true
			}
			lastWasCaption = true
			continue
		}
		lastWasCaption = seenCaption[l]
		if lastWasCaption {
			continue
		}
		kept = append(kept, l)
	}
	lead := leadLines(kept)
	d.Lead = strings.Join(kept[:lead], "\n")
	d.Body = strings.Join(kept[lead:], "\n")
}

// leadLines is how many of the first lines form the lead: subtitle lines up to
// and including the first real paragraph.
func leadLines(lines []string) int {
	for i, l := range lines {
		if i >= 3 {
			break
		}
		if utf8.RuneCountInString(l) >= 80 && strings.ContainsAny(l[len(l)-1:], ".!?\"“”") {
			return i + 1
		}
	}
	return min(1, len(lines))
}
