package extract

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// BenchmarkExtract measures extraction of every fixture article page against
// plain goquery parsing of the same pages (the floor any extraction pays).
// Compare the pages/s metrics of the two sub-benchmarks.
func BenchmarkExtract(b *testing.B) {
	pages := fixturePages(b)
	var urls []string
	for u := range pages {
		urls = append(urls, u)
	}
	b.Run("extract", func(b *testing.B) {
		n := 0
		for b.Loop() {
			for _, u := range urls {
				if _, err := Extract(u, pages[u], Options{Location: berlin}); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("goquery", func(b *testing.B) {
		n := 0
		for b.Loop() {
			for _, u := range urls {
				if _, err := goquery.NewDocumentFromReader(bytes.NewReader(pages[u])); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	})
	// Interleaved: both on the same pages in each iteration, so that load from
	// other processes hits both alike; reports the cost ratio directly.
	b.Run("ratio", func(b *testing.B) {
		var tParse, tExtract time.Duration
		for b.Loop() {
			for _, u := range urls {
				start := time.Now()
				if _, err := goquery.NewDocumentFromReader(bytes.NewReader(pages[u])); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if _, err := Extract(u, pages[u], Options{Location: berlin}); err != nil {
					b.Fatal(err)
				}
				tParse, tExtract = tParse+mid.Sub(start), tExtract+time.Since(mid)
			}
		}
		b.ReportMetric(tExtract.Seconds()/tParse.Seconds(), "extract/goquery")
	})
}

// BenchmarkTemplate compares, page by page on the fixture pages, today's
// extraction (legacy: before generic boilerplate removal and template
// learning) with the extraction that removes boilerplate, applies the
// source's template and learns the page into it. Sub-benchmark "ratio" runs
// both on the same page back to back and reports new/old directly.
func BenchmarkTemplate(b *testing.B) {
	pages := fixturePages(b)
	var urls []string
	for u := range pages {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	tmpl := NewTemplate()
	oldPath := func(u string) {
		if _, err := Extract(u, pages[u], Options{Location: berlin, legacy: true}); err != nil {
			b.Fatal(err)
		}
	}
	newPath := func(u string) {
		a, err := Extract(u, pages[u], Options{Location: berlin, Template: tmpl})
		if err != nil {
			b.Fatal(err)
		}
		tmpl.Learn(a.Blocks)
	}
	for _, bm := range []struct {
		name string
		run  func(string)
	}{{"old", oldPath}, {"new", newPath}} {
		b.Run(bm.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for _, u := range urls {
					bm.run(u)
					n++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/page")
		})
	}
	b.Run("ratio", func(b *testing.B) {
		var tOld, tNew time.Duration
		for b.Loop() {
			for _, u := range urls {
				start := time.Now()
				oldPath(u)
				mid := time.Now()
				newPath(u)
				tOld, tNew = tOld+mid.Sub(start), tNew+time.Since(mid)
			}
		}
		b.ReportMetric(tNew.Seconds()/tOld.Seconds(), "new/old")
	})
}
