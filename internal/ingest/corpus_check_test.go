package ingest_test

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// shapeResult is what the corpus check found for one fixture shape. Each
// list entry starts with the release's slug (or the stored URL).
type shapeResult struct {
	Name            string
	Frozen          bool
	Found, Expected int
	Missing         []string // releases not stored
	NonReleases     []string // stored pages that are no release (listing, overview, category, duplicate)
	DateErrors      []string
	TemplateBlocks  []string // a template phrase in a stored body
	MissingParas    []string // a paragraph, subheading or caption of the release not in its body (or out of order)
	Err             error    // the source could not be read at all
}

func (r shapeResult) ok() bool {
	return r.Err == nil && r.Found == r.Expected && len(r.NonReleases)+len(r.DateErrors)+len(r.TemplateBlocks)+len(r.MissingParas) == 0
}

// mentions reports whether any failure names the release slug.
func (r shapeResult) mentions(slug string) bool {
	for _, l := range [][]string{r.Missing, r.DateErrors, r.TemplateBlocks, r.MissingParas} {
		for _, s := range l {
			if strings.HasPrefix(s, slug+":") || s == slug {
				return true
			}
		}
	}
	return false
}

// details lists every failure, for the shape's own test output.
func (r shapeResult) details() string {
	var b strings.Builder
	if r.Err != nil {
		fmt.Fprintf(&b, "source not read: %v\n", r.Err)
	}
	for _, part := range []struct {
		name string
		list []string
	}{{"not stored", r.Missing}, {"non-release stored", r.NonReleases}, {"date error", r.DateErrors},
		{"template block in body", r.TemplateBlocks}, {"missing paragraph", r.MissingParas}} {
		for _, s := range part.list {
			fmt.Fprintf(&b, "%s: %s\n", part.name, s)
		}
	}
	return b.String()
}

// checkSite compares what an ingest stored (base is the fixture server's
// URL) with the fixture's own list of releases. It knows nothing about how
// the articles were found or extracted.
func checkSite(site archivetest.Site, base string, stored []store.Article, loc *time.Location) shapeResult {
	res := shapeResult{Name: site.Name, Frozen: site.Frozen, Expected: len(site.Expected)}
	byPath := map[string]archivetest.Release{}
	for _, r := range site.Expected {
		byPath[pathKey(site.Path(r))] = r
	}
	tolerated := map[string]bool{}
	for _, p := range site.Tolerated {
		tolerated[pathKey(p)] = true
	}
	got := map[string]store.Article{}
	for _, a := range stored {
		key, onSite := storedKey(a.URL, base)
		r, isRelease := byPath[key]
		switch {
		case onSite && tolerated[key]:
		case !onSite || !isRelease:
			res.NonReleases = append(res.NonReleases, fmt.Sprintf("%s (%q)", strings.TrimPrefix(a.URL, base), a.Title))
		case got[r.Slug].URL != "":
			res.NonReleases = append(res.NonReleases, fmt.Sprintf("%s: stored twice (%s)", r.Slug, a.URL))
		default:
			got[r.Slug] = a
		}
	}
	for _, r := range site.Expected {
		a, ok := got[r.Slug]
		if !ok {
			res.Missing = append(res.Missing, r.Slug)
			continue
		}
		res.Found++
		if e := dateError(site, r, a, loc); e != "" {
			res.DateErrors = append(res.DateErrors, r.Slug+": "+e)
		}
		body := norm(a.BodyText)
		for _, p := range site.Phrases {
			if strings.Contains(body, norm(p)) {
				res.TemplateBlocks = append(res.TemplateBlocks, fmt.Sprintf("%s: %q", r.Slug, p))
			}
		}
		res.MissingParas = append(res.MissingParas, missingParagraphs(r, a)...)
	}
	return res
}

// pathKey is a page's path and query as the corpus compares them.
func pathKey(p string) string {
	u, err := url.Parse(p)
	if err != nil {
		return p
	}
	return strings.TrimSuffix(u.Path, "/") + "?" + u.Query().Encode()
}

// storedKey is a stored URL's path key and whether it is on the fixture server.
func storedKey(stored, base string) (string, bool) {
	u, err := url.Parse(stored)
	b, err2 := url.Parse(base)
	if err != nil || err2 != nil || u.Host != b.Host {
		return "", false
	}
	return pathKey(u.RequestURI()), true
}

// dateError compares the stored date with the release's, to the minute in
// site.timezone (the date only where the site shows no time).
func dateError(site archivetest.Site, r archivetest.Release, a store.Article, loc *time.Location) string {
	want, err := releaseTime(r, loc)
	if err != nil {
		return "fixture date unreadable: " + err.Error()
	}
	layout := "2006-01-02 15:04"
	if site.DateOnly {
		layout = "2006-01-02"
	}
	if w, g := want.In(loc).Format(layout), a.PublishedAt.In(loc).Format(layout); w != g {
		return fmt.Sprintf("stored %s, want %s", g, w)
	}
	return ""
}

// releaseTime reads a release's date: RFC 3339, or a day (DD.MM.YYYY) in loc.
func releaseTime(r archivetest.Release, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, r.Date); err == nil {
		return t, nil
	}
	return time.ParseInLocation("02.01.2006", r.Date, loc)
}

// missingParagraphs lists the release's paragraphs, subheadings and
// captions (outside galleries) that the stored body lacks, or holds out of
// order. Captions may also be stored as the images' captions.
func missingParagraphs(r archivetest.Release, a store.Article) []string {
	body := norm(a.BodyText)
	var captions strings.Builder
	for _, im := range a.Images {
		captions.WriteString(norm(im.Caption) + " " + norm(im.Credit) + "\n")
	}
	var out []string
	pos, inGallery := 0, false
	for _, l := range r.Lines {
		switch {
		case strings.HasPrefix(l, "gallery: "):
			inGallery = true
			continue
		case strings.HasPrefix(l, "img: "):
			if inGallery {
				continue
			}
			caption := norm(strings.Split(strings.TrimPrefix(l, "img: "), " | ")[1])
			if caption != "" && !strings.Contains(body, caption) && !strings.Contains(captions.String(), caption) {
				out = append(out, fmt.Sprintf("%s: caption %q", r.Slug, short(caption)))
			}
			continue
		}
		inGallery = false
		text := norm(strings.TrimPrefix(strings.TrimPrefix(l, "## "), "> "))
		i := strings.Index(body[pos:], text)
		switch {
		case i >= 0:
			pos += i + len(text)
		case strings.Contains(body, text):
			out = append(out, fmt.Sprintf("%s: out of order %q", r.Slug, short(text)))
		default:
			out = append(out, fmt.Sprintf("%s: %q", r.Slug, short(text)))
		}
	}
	return out
}

// norm collapses white space (non-breaking spaces too) and drops soft
// hyphens and zero-width spaces.
func norm(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u00ad", "", "\u200b", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func short(s string) string {
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}
