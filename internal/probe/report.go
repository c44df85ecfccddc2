// Package probe shows what a crawl of a source would find, writing nothing:
// it runs the ingest pass itself with an Observer and no Store, so what it
// shows is what ingest would do on the source's first pass. The command
// `partnerfeed probe` and the console's sources page show its report.
package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Findings are what a probe saw, in crawl order (the --json output).
type Findings struct {
	Source   string    `json:"source"`
	Kind     string    `json:"kind"`
	URL      string    `json:"url"`
	Pages    []Page    `json:"pages"`
	Articles []Article `json:"articles"`
	Skipped  []Skip    `json:"skipped"`
	Figures  Figures   `json:"figures"`
	Verdict  string    `json:"verdict,omitempty"` // why it found nothing
}

// Page is a listing (or feed) page the probe read, how it was found, and its article links.
type Page struct {
	URL   string   `json:"url"`
	How   string   `json:"how"` // how the page was found
	Links []string `json:"links"`
}

// Article is an article as the probe extracted and tagged it.
type Article struct {
	Link       string          `json:"link"`
	Key        string          `json:"key"`
	Title      string          `json:"title"`
	Published  time.Time       `json:"published"`
	DateSignal string          `json:"date_signal"`
	Body       string          `json:"body"`
	Contact    string          `json:"contact,omitempty"` // the press contact, kept apart from the body
	Removed    []extract.Block `json:"removed"`
	Images     []extract.Image `json:"images"`
	Tags       []tag.Evidence  `json:"tags"`
}

// Skip is a link or page that gave no article, and why.
type Skip struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Figures are the figures a pass keeps as the source's health metrics.
type Figures struct {
	PagesRead      int `json:"pages_read"`
	ArticlesFound  int `json:"articles_found"`
	ArticlesNew    int `json:"articles_new"`
	ArticlesFailed int `json:"articles_failed"`
	TemplateBlocks int `json:"template_blocks_removed"`
	NotReleases    int `json:"not_releases"`
}

// recorder is the probe's ingest.Observer: it prints each finding as
// the pass makes it (the crawl may take a while) and keeps them all.
type recorder struct {
	w        io.Writer
	loc      *time.Location
	findings Findings
}

func newRecorder(w io.Writer, loc *time.Location) *recorder {
	return &recorder{w: w, loc: loc,
		findings: Findings{Pages: []Page{}, Articles: []Article{}, Skipped: []Skip{}}}
}

func (p *recorder) header(src config.Source) {
	p.findings.Source, p.findings.Kind, p.findings.URL = src.Name, src.Kind, src.URL
	fmt.Fprintf(p.w, "Probe of %s (%s) %s\nNothing is written: no database is opened.\n", src.Name, src.Kind, src.URL)
}

// nextBy says in words how ingest found a listing page (ingest.Listing.NextBy).
var nextBy = map[string]string{
	ingest.NextBySelector: "selectors.next_page",
	ingest.NextByRel:      "rel=next",
	ingest.NextByText:     "a next-page link (its text or label)",
	ingest.NextByLoadMore: "a load-more endpoint",
	ingest.NextByNumber:   "the next numbered page link",
	ingest.NextByOffset:   "the next offset link",
}

// ListingPage implements ingest.Observer.
func (p *recorder) ListingPage(url, how string) {
	if words, ok := nextBy[how]; ok {
		how = words
	}
	p.findings.Pages = append(p.findings.Pages, Page{URL: url, How: how, Links: []string{}})
	fmt.Fprintf(p.w, "\nListing page %d: %s\n  found by: %s\n", len(p.findings.Pages), url, how)
}

// ArticleLinks implements ingest.Observer.
func (p *recorder) ArticleLinks(page string, links []string) {
	if n := len(p.findings.Pages); n > 0 && p.findings.Pages[n-1].URL == page {
		p.findings.Pages[n-1].Links = append(p.findings.Pages[n-1].Links, links...)
	}
	fmt.Fprintf(p.w, "  %d article links:\n", len(links))
	for _, l := range links {
		fmt.Fprintf(p.w, "    %s\n", l)
	}
}

// Article implements ingest.Observer.
func (p *recorder) Article(o ingest.Observed) {
	a := Article{Link: o.Link, Key: o.Key, Title: o.Article.Title, Published: o.Article.Published,
		DateSignal: o.Article.DateSignal, Body: o.Article.BodyText, Contact: o.Article.Contact, Removed: o.Article.Removed,
		Images: o.Article.Images, Tags: []tag.Evidence{}}
	for _, t := range o.Tags {
		var e tag.Evidence
		if json.Unmarshal([]byte(t.Evidence), &e) != nil {
			e = tag.Evidence{Partner: t.Partner, Tagged: true, Score: t.Score, Reason: t.Evidence}
		}
		a.Tags = append(a.Tags, e)
	}
	p.findings.Articles = append(p.findings.Articles, a)
	p.printArticle(len(p.findings.Articles), a)
}

func (p *recorder) printArticle(n int, a Article) {
	w := p.w
	fmt.Fprintf(w, "\nArticle %d: %s\n", n, a.Link)
	if a.Key != a.Link {
		fmt.Fprintf(w, "  stored as: %s\n", a.Key)
	}
	fmt.Fprintf(w, "  title:     %s\n", a.Title)
	if a.Published.IsZero() {
		fmt.Fprintf(w, "  date:      (none)\n")
	} else {
		fmt.Fprintf(w, "  date:      %s  (from %s)\n", a.Published.In(p.loc).Format("2006-01-02 15:04 MST"), a.DateSignal)
	}
	fmt.Fprintf(w, "  images:    %d\n", len(a.Images))
	for _, im := range a.Images {
		fmt.Fprintf(w, "    - %s\n", im.URL)
		if im.Caption != "" || im.Credit != "" {
			fmt.Fprintf(w, "      caption: %s | credit: %s\n", im.Caption, im.Credit)
		}
	}
	var slugs []string
	for _, t := range a.Tags {
		slugs = append(slugs, t.Partner)
	}
	if len(slugs) == 0 {
		slugs = []string{"(none)"}
	}
	fmt.Fprintf(w, "  tags:      %s\n", strings.Join(slugs, ", "))
	if len(a.Tags) > 0 {
		tag.WriteExplain(indent(w, "    "), a.Tags)
	}
	fmt.Fprintf(w, "  body:\n")
	for _, line := range strings.Split(a.Body, "\n") {
		fmt.Fprintf(w, "    | %s\n", line)
	}
	if a.Contact != "" {
		fmt.Fprintf(w, "  press contact (kept apart from the body): %s\n", oneLine(a.Contact, 200))
	}
	fmt.Fprintf(w, "  removed blocks: %d\n", len(a.Removed))
	for _, b := range a.Removed {
		fmt.Fprintf(w, "    ✂ [%s] %s\n", b.Kind, oneLine(b.Text, 160))
	}
}

// Skipped implements ingest.Observer.
func (p *recorder) Skipped(url, reason string) {
	p.findings.Skipped = append(p.findings.Skipped, Skip{URL: url, Reason: reason})
	fmt.Fprintf(p.w, "\nSkipped %s\n  %s\n", url, reason)
}

// finish prints the pass's figures and returns the verdict: "" when it found
// articles, else a sentence saying what it saw.
func (p *recorder) finish(ctx context.Context, rep ingest.Report, client *fetch.Client, src config.Source) string {
	f := rep.Figures()
	p.findings.Figures = Figures{PagesRead: int(f.PagesRead), ArticlesFound: int(f.ArticlesFound),
		ArticlesNew: int(f.ArticlesNew), ArticlesFailed: int(f.ArticlesFailed), TemplateBlocks: int(f.TemplateBlocks),
		NotReleases: int(f.NotReleases)}
	fg := p.findings.Figures
	fmt.Fprintf(p.w, "\nFigures (as the metrics partnerfeed_source_* would show them): pages read %d, articles found %d, new %d, failed %d, template blocks removed %d, not releases %d\n",
		fg.PagesRead, fg.ArticlesFound, fg.ArticlesNew, fg.ArticlesFailed, fg.TemplateBlocks, fg.NotReleases)
	if len(p.findings.Articles) > 0 {
		fmt.Fprintf(p.w, "Found %d articles on %d listing pages.\n", len(p.findings.Articles), len(p.findings.Pages))
		return ""
	}
	p.findings.Verdict = p.verdict(ctx, rep, client, src)
	fmt.Fprintf(p.w, "Found no article: %s\n", p.findings.Verdict)
	return p.findings.Verdict
}

// verdict says what a probe that found nothing saw.
func (p *recorder) verdict(ctx context.Context, rep ingest.Report, client *fetch.Client, src config.Source) string {
	pages := len(p.findings.Pages)
	switch {
	case len(p.findings.Pages) == 0 && rep.Err != nil:
		return fmt.Sprintf("the source could not be read: %v", rep.Err)
	case rep.Found > 0:
		return fmt.Sprintf("%d article links on %s, but none gave an article (see Skipped)", rep.Found, plural(pages, "page"))
	}
	if title, ok := looksLikeArticle(ctx, client, src); ok {
		return fmt.Sprintf("no listing found: the page looks like one article (%q; 0 article links on %s)", title, plural(pages, "page"))
	}
	for _, s := range p.findings.Skipped {
		if s.URL == src.URL {
			return fmt.Sprintf("no listing found: %s", s.Reason)
		}
	}
	return fmt.Sprintf("0 article links on %s", plural(pages, "page"))
}

// looksLikeArticle reports whether the start page of an HTML source
// extracts as one dated article, and its title.
func looksLikeArticle(ctx context.Context, client *fetch.Client, src config.Source) (string, bool) {
	if src.Kind == "feed" {
		return "", false
	}
	resp, err := client.Get(ctx, src.URL, fetch.Validators{})
	if err != nil {
		return "", false
	}
	a, err := extract.Extract(resp.URL, resp.Body, extract.Options{Selectors: src.Selectors, DateLayout: src.DateLayout})
	return a.Title, err == nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// indent is a writer that indents every line written to w.
func indent(w io.Writer, prefix string) io.Writer {
	return &indentWriter{w: w, prefix: prefix, start: true}
}

type indentWriter struct {
	w      io.Writer
	prefix string
	start  bool
}

func (iw *indentWriter) Write(b []byte) (int, error) {
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if line == "" {
			continue
		}
		if iw.start {
			io.WriteString(iw.w, iw.prefix)
		}
		io.WriteString(iw.w, line)
		iw.start = strings.HasSuffix(line, "\n")
	}
	return len(b), nil
}
