package ingest

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Report is what one pass did with one source.
type Report struct {
	Source      string
	Pages       int // listing or feed pages fetched (including 304s)
	Found       int // article links found on them
	NotModified int // answered 304 (listing and article pages)
	New         int
	Updated     int
	Unchanged   int
	Failed      int
	// NotReleases counts pages skipped because they are not one release
	// (a listing, an overview, a category or tag page linked like an
	// article), and next-page links that led to no listing of the source.
	NotReleases int
	// TemplateBlocks counts the blocks removed from the bodies because they
	// repeat across the source's pages (its template).
	TemplateBlocks int
	Failures       []Failure
	// Err is set when the source could not be read at all.
	Err error
}

// Failure is one article that could not be ingested.
type Failure struct {
	URL    string
	Reason string
}

func (r *Report) fail(url string, err error) {
	r.Failed++
	r.Failures = append(r.Failures, Failure{URL: url, Reason: err.Error()})
}

// Print writes the report as the ingest command shows it.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%s: pages %d (304: %d), new %d, updated %d, unchanged %d, failed %d",
		r.Source, r.Pages, r.NotModified, r.New, r.Updated, r.Unchanged, r.Failed)
	if r.NotReleases > 0 {
		fmt.Fprintf(w, ", not releases %d", r.NotReleases)
	}
	if r.TemplateBlocks > 0 {
		fmt.Fprintf(w, ", template blocks removed %d", r.TemplateBlocks)
	}
	fmt.Fprintln(w)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  failed %s: %s\n", f.URL, f.Reason)
	}
	if r.Err != nil {
		fmt.Fprintf(w, "  source not read: %v\n", r.Err)
	}
}

// Figures are the report's figures as the source's state keeps them.
func (r Report) Figures() store.RunFigures {
	return store.RunFigures{PagesRead: int64(r.Pages), ArticlesFound: int64(r.Found), ArticlesNew: int64(r.New),
		ArticlesFailed: int64(r.Failed), TemplateBlocks: int64(r.TemplateBlocks),
		NotReleases: int64(r.NotReleases)}
}

// passFailuresKept is how many failed articles a pass's history row names.
const passFailuresKept = 10

// pass is the report as the source's history keeps it.
func (r Report) pass(started, finished time.Time, backfill bool) store.SourceRun {
	p := store.SourceRun{Source: r.Source, StartedAt: started, FinishedAt: finished, Backfill: backfill,
		Pages: int64(r.Pages), NotModified: int64(r.NotModified), Found: int64(r.Found), New: int64(r.New),
		Updated: int64(r.Updated), Failed: int64(r.Failed)}
	if r.Err != nil {
		p.Error = r.Err.Error()
	}
	var lines []string
	for _, f := range r.Failures[:min(len(r.Failures), passFailuresKept)] {
		lines = append(lines, f.URL+": "+f.Reason)
	}
	p.Failures = strings.Join(lines, "\n")
	return p
}
