// Command benchfeeds prepares the load test of scripts/bench-feeds: a
// config.yaml listening on a loopback port and a SQLite store populated with
// realistic press releases tagged with partner cities. The articles go round
// robin to venlo, leicester and duenkirchen (large feeds); leiden gets
// -medium of them and charlotte -small, so that the feeds come in the sizes
// readers poll (an Atom entry is about 3 KB).
//
//	go run ./scripts/benchfeeds -dir DIR -port PORT [-articles N] [-medium N] [-small N]
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

var partners = []string{"venlo", "leicester", "duenkirchen", "leiden", "charlotte"}

// large are the partners that share -articles; the others get fixed counts.
var large = partners[:3]

func main() {
	dir := flag.String("dir", "", "folder for config.yaml and the database")
	port := flag.Int("port", 18080, "loopback port of partnerfeed")
	n := flag.Int("articles", 300, "articles to store for the large feeds")
	medium := flag.Int("medium", 12, "articles of leiden (a feed of about 50 KB)")
	small := flag.Int("small", 2, "articles of charlotte (a feed of about 10 KB)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "benchfeeds: -dir is required")
		os.Exit(2)
	}
	if err := run(context.Background(), *dir, *port, plan(*n, *medium, *small)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// plan lists the partner of each article to store, in order.
func plan(n, medium, small int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, large[i%len(large)])
	}
	for i := 0; i < medium; i++ {
		out = append(out, "leiden")
	}
	for i := 0; i < small; i++ {
		out = append(out, "charlotte")
	}
	return out
}

func run(ctx context.Context, dir string, port int, articles []string) error {
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "site:\n  title: \"Benchstadt – Städtepartnerschaften\"\n  base_url: \"http://127.0.0.1:%d\"\n  timezone: Europe/Berlin\n", port)
	// wrk holds 64 connections from one address, curl one more.
	fmt.Fprintf(&cfg, "http:\n  listen: \"127.0.0.1:%d\"\n  max_connections_per_ip: 256\nlog:\n  level: warn\nstorage:\n  dsn: bench.db\npartners:\n", port)
	for _, p := range partners {
		fmt.Fprintf(&cfg, "  - slug: %s\n    names: {de: %s}\n", p, strings.ToUpper(p[:1])+p[1:])
	}
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o644); err != nil {
		return err
	}
	conf, err := config.Load(cfgPath)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, "sqlite", filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	w := newProse()
	for i, p := range articles {
		lead := w.paragraph()
		var body, text strings.Builder
		for range 8 {
			para := w.paragraph()
			body.WriteString("<p>" + para + "</p>\n")
			text.WriteString(para + "\n")
		}
		a := store.Article{Source: "bench", URL: fmt.Sprintf("https://city.example.org/de/inhalt/meldung-%d/", i),
			Title: fmt.Sprintf("Besuch aus %s: Meldung %d", p, i), Lead: lead,
			BodyHTML: body.String(), BodyText: text.String(), PublishedAt: start.Add(time.Duration(i) * 7 * time.Hour),
			Images: []store.Image{{URL: fmt.Sprintf("https://city.example.org/bilder/%d.jpg", i), Caption: "Delegation", Credit: "Foto: Stadt"}}}
		if _, err := st.UpsertArticle(ctx, &a); err != nil {
			return err
		}
		if _, err := st.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: p, Score: 1}}); err != nil {
			return err
		}
	}
	// The tags above stand: serve re-tags at start only when the partner
	// configuration changed since the stored fingerprint.
	return st.SetSetting(ctx, store.SettingTagFingerprint, tag.Fingerprint(conf.Partners))
}

// prose writes paragraphs that compress about as well as press releases do
// (gzip to about a third): words of a made-up vocabulary, the common ones
// often (Zipf), the same sequence on every run.
type prose struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newProse() *prose {
	rng := rand.New(rand.NewPCG(20, 26))
	letters := []rune("eeeeeennnnniiiiisssssrrrrraaaatttddhhuullcgmobwfkzäüöpvß")
	w := &prose{rng: rng, zipf: rand.NewZipf(rng, 1.07, 2, 3999)}
	for range 4000 {
		b := make([]rune, 2+rng.IntN(11))
		for j := range b {
			b[j] = letters[rng.IntN(len(letters))]
		}
		w.vocab = append(w.vocab, string(b))
	}
	return w
}

// paragraph is three to five sentences of five to sixteen words.
func (w *prose) paragraph() string {
	var sentences []string
	for s := 3 + w.rng.IntN(3); s > 0; s-- {
		words := make([]string, 5+w.rng.IntN(12))
		for i := range words {
			words[i] = w.vocab[w.zipf.Uint64()]
		}
		r := []rune(words[0])
		words[0] = strings.ToUpper(string(r[0])) + string(r[1:])
		sentences = append(sentences, strings.Join(words, " ")+".")
	}
	return strings.Join(sentences, " ")
}
