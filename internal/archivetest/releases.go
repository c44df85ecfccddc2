package archivetest

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"
)

// Release is one press release of a fixture site, as written in releases.txt.
type Release struct {
	Slug     string
	Title    string
	Date     string // as the site shows it (DD.MM.YYYY, or RFC 3339 for musterstadt)
	Time     string // optional clock time ("18:13:02")
	Suffix   string // Domino view suffix on listing links ("&s94=11")
	Teaser   string
	Boxes    []string // teaser boxes appended to the page
	Old      bool     // old-style release: /de/pressemeldungen/, "Zuletzt geändert"
	Charset  string   // iso-8859-1 (HTTP header) or windows-1252 (meta only)
	Fault    string   // 404, 500, hang, huge, loop, truncated, flaky
	DateMode string   // musterstadt: jsonld | time
	Lines    []string // body lines: paragraphs, "## heading", "> subtitle", "img: f | caption | credit", "gallery: title"
}

// Image is an image line of a release.
type Image struct{ File, Caption, Credit string }

// FirstImage is the release's first image (nil when it has none).
func (r Release) FirstImage() *Image {
	for _, l := range r.Lines {
		if im, ok := parseImage(l); ok {
			return &im
		}
	}
	return nil
}

func parseImage(line string) (Image, bool) {
	rest, ok := strings.CutPrefix(line, "img: ")
	if !ok {
		return Image{}, false
	}
	parts := strings.Split(rest, " | ")
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return Image{File: parts[0], Caption: parts[1], Credit: parts[2]}, true
}

// mustReleases reads an embedded releases.txt; the fixtures are part of
// the binary, so a broken one is a bug (panic).
func mustReleases(path string) []Release {
	data, err := files.ReadFile(path)
	if err != nil {
		panic(err)
	}
	rels, err := parseReleases(data)
	if err != nil {
		panic(err)
	}
	return rels
}

// parseReleases reads the releases.txt format: "=== slug", "key: value"
// header lines, a blank line, then body lines.
func parseReleases(data []byte) ([]Release, error) {
	var out []Release
	var cur *Release
	inBody := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if slug, ok := strings.CutPrefix(line, "=== "); ok {
			out = append(out, Release{Slug: slug})
			cur, inBody = &out[len(out)-1], false
			continue
		}
		if cur == nil {
			continue
		}
		if line == "" {
			inBody = true
			continue
		}
		if inBody {
			cur.Lines = append(cur.Lines, line)
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			return nil, fmt.Errorf("archivetest: %s: bad header line %q", cur.Slug, line)
		}
		switch k {
		case "title":
			cur.Title = v
		case "date":
			cur.Date = v
		case "time":
			cur.Time = v
		case "suffix":
			cur.Suffix = v
		case "teaser":
			cur.Teaser = v
		case "boxes":
			for _, b := range strings.Split(v, ",") {
				cur.Boxes = append(cur.Boxes, strings.TrimSpace(b))
			}
		case "old":
			cur.Old = v == "yes"
		case "charset":
			cur.Charset = v
		case "fault":
			cur.Fault = v
		case "datemode":
			cur.DateMode = v
		default:
			return nil, fmt.Errorf("archivetest: %s: unknown key %q", cur.Slug, k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].when().After(out[j].when()) })
	return out, sc.Err()
}

func (r Release) when() time.Time {
	if t, err := time.Parse("02.01.2006", r.Date); err == nil {
		return t
	}
	t, _ := time.Parse(time.RFC3339, r.Date)
	return t
}

// blocks renders the body lines as HTML with the site's image markup.
func (r Release) blocks(image *template.Template) ([]template.HTML, error) {
	var out []template.HTML
	var gallery *bytes.Buffer
	closeGallery := func() {
		if gallery != nil {
			gallery.WriteString("</div>")
			out = append(out, template.HTML(gallery.String()))
			gallery = nil
		}
	}
	for _, l := range r.Lines {
		var b bytes.Buffer
		switch {
		case strings.HasPrefix(l, "img: "):
			im, _ := parseImage(l)
			if err := image.Execute(&b, im); err != nil {
				return nil, err
			}
			if gallery != nil {
				gallery.Write(b.Bytes())
				continue
			}
		case strings.HasPrefix(l, "gallery: "):
			closeGallery()
			gallery = &bytes.Buffer{}
			fmt.Fprintf(gallery, `<div class="galerie"><h3>%s</h3>`, template.HTMLEscapeString(strings.TrimPrefix(l, "gallery: ")))
			continue
		case strings.HasPrefix(l, "## "):
			fmt.Fprintf(&b, "<h3>%s</h3>", template.HTMLEscapeString(l[3:]))
		case strings.HasPrefix(l, "> "):
			fmt.Fprintf(&b, `<h2 class="untertitel">%s</h2>`, template.HTMLEscapeString(l[2:]))
		default:
			fmt.Fprintf(&b, "<p>%s</p>", template.HTMLEscapeString(l))
		}
		closeGallery()
		out = append(out, template.HTML(b.String()))
	}
	closeGallery()
	return out, nil
}
