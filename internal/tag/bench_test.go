package tag

import (
	"os"
	"strings"
	"testing"
)

func seedText(b *testing.B) string {
	s, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(s)
}

func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkTag tags the parsed seed article (about 11 kB with its teasers)
// against all nine partners of the Krefeld configuration.
func BenchmarkTag(b *testing.B) {
	tg := New(krefeldPartners(b))
	d := ParseText(seedText(b))
	b.ReportAllocs()
	for b.Loop() {
		if len(tg.Tag(d)) != 1 {
			b.Fatal("seed not tagged")
		}
	}
	reportRate(b)
}

// BenchmarkParseAndTag includes reading the plain text into a Document.
func BenchmarkParseAndTag(b *testing.B) {
	tg := New(krefeldPartners(b))
	text := seedText(b)
	b.ReportAllocs()
	for b.Loop() {
		if len(tg.Tag(ParseText(text))) != 1 {
			b.Fatal("seed not tagged")
		}
	}
	reportRate(b)
}

// BenchmarkBaselineSubstring is the baseline: a case-insensitive substring
// search for every alias in the same text, with no decision at all.
func BenchmarkBaselineSubstring(b *testing.B) {
	var aliases []string
	for _, p := range krefeldPartners(b) {
		for _, a := range p.Aliases {
			aliases = append(aliases, strings.ToLower(a))
		}
	}
	text := seedText(b)
	b.ReportAllocs()
	for b.Loop() {
		lower := strings.ToLower(text)
		n := 0
		for _, a := range aliases {
			if strings.Contains(lower, a) {
				n++
			}
		}
		if n == 0 {
			b.Fatal("no alias")
		}
	}
	reportRate(b)
}

// BenchmarkParseText reads the seed page's plain text into a Document.
func BenchmarkParseText(b *testing.B) {
	text := seedText(b)
	b.ReportAllocs()
	for b.Loop() {
		if ParseText(text).Title == "" {
			b.Fatal("no title")
		}
	}
	reportRate(b)
}
