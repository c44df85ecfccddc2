// Command benchfeeds prepares the load test of scripts/bench-feeds: a
// config.yaml listening on a loopback port and a SQLite store populated with
// realistic press releases tagged with partner cities.
//
//	go run ./scripts/benchfeeds -dir DIR -port PORT [-articles N]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

var partners = []string{"venlo", "leicester", "duenkirchen", "leiden", "charlotte"}

func main() {
	dir := flag.String("dir", "", "folder for config.yaml and the database")
	port := flag.Int("port", 18080, "loopback port of partnerfeed")
	n := flag.Int("articles", 300, "articles to store")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "benchfeeds: -dir is required")
		os.Exit(2)
	}
	if err := run(context.Background(), *dir, *port, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string, port, n int) error {
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "site:\n  title: \"Benchstadt – Städtepartnerschaften\"\n  base_url: \"http://127.0.0.1:%d\"\n  timezone: Europe/Berlin\n", port)
	fmt.Fprintf(&cfg, "http:\n  listen: \"127.0.0.1:%d\"\nlog:\n  level: warn\nstorage:\n  dsn: bench.db\npartners:\n", port)
	for _, p := range partners {
		fmt.Fprintf(&cfg, "  - slug: %s\n    names: {de: %s}\n", p, strings.ToUpper(p[:1])+p[1:])
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg.String()), 0o644); err != nil {
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
	para := "Die Delegation aus der Partnerstadt besuchte das Rathaus, die Hochschule und den Hafen. " +
		"Oberbürgermeister und Bürgermeisterin unterzeichneten eine Erklärung über den Austausch von Schulen, " +
		"Vereinen und Verwaltungen; im kommenden Jahr ist ein Gegenbesuch geplant. "
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		p := partners[i%len(partners)]
		body := strings.Repeat("<p>"+para+"</p>\n", 8)
		a := store.Article{Source: "bench", URL: fmt.Sprintf("https://city.example.org/de/inhalt/meldung-%d/", i),
			Title: fmt.Sprintf("Besuch aus %s: Meldung %d", p, i), Lead: para,
			BodyHTML: body, BodyText: strings.Repeat(para, 8), PublishedAt: start.Add(time.Duration(i) * 7 * time.Hour),
			Images: []store.Image{{URL: fmt.Sprintf("https://city.example.org/bilder/%d.jpg", i), Caption: "Delegation", Credit: "Foto: Stadt"}}}
		if _, err := st.UpsertArticle(ctx, &a); err != nil {
			return err
		}
		if _, err := st.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: p, Score: 1}}); err != nil {
			return err
		}
	}
	return nil
}
