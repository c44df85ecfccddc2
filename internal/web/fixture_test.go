package web_test

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/server"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

const hostileTitle = "<script>alert(1)</script> & Co\f 🎉 Venlo"

// testConfig is a three-partner city with email and a Telegram bot.
func testConfig() config.Config {
	return configtest.Build(config.Config{
		Site: config.Site{Title: "Musterstadt – Städtepartnerschaften", BaseURL: "http://127.0.0.1/", Language: "de",
			Timezone: "Europe/Berlin", ImprintURL: "https://city.example.org/impressum/",
			PrivacyURL: "https://city.example.org/datenschutz/"},
		Partners: []config.Partner{
			{Slug: "venlo", Names: map[string]string{"de": "Venlo", "nl": "Venlo"}, Country: "NL"},
			{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque", "en": "Dunkirk"}, Country: "FR"},
			{Slug: "kropyvnytskyi", Names: map[string]string{"de": "Kropywnyzkyj", "en": "Kropyvnytskyi", "uk": "Кропивницький"}, Country: "UA"},
		},
		Telegram: &config.Telegram{BotUsername: "musterstadt_bot"},
		Email:    &config.Email{SubscriberSchedules: map[string]string{"daily": "0 7 * * *", "weekly": "0 7 * * 1"}},
	})
}

// fixture is a store with articles, the web handler and a loopback server.
type fixture struct {
	cfg   config.Config
	store *store.Store
	feeds *feed.Cache
	srv   *httptest.Server
}

func newFixture(t *testing.T, cfg config.Config) *fixture {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	f := &fixture{cfg: cfg, store: st}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /test/photo.png", servePhoto)
	mux.HandleFunc("GET /test/inaccessible", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `<!DOCTYPE html><html><head><title>x</title></head><body><img src="/test/photo.png"><a href="/"></a></body></html>`)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	populate(t, st, f.srv.URL+"/test/photo.png")
	// Feeds and pages use the server's real address as base URL.
	f.cfg.Site.BaseURL = f.srv.URL
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.feeds = feed.NewCache(st, feed.NewSite(f.cfg), web.Channels(f.cfg), log)
	if err := f.feeds.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(f.cfg, f.feeds, log)
	if err != nil {
		t.Fatal(err)
	}
	server.Mount(mux, server.Handlers{Pages: h})
	return f
}

// populate stores three articles; photo is an image URL on the test server
// (tests never reach beyond loopback).
func populate(t *testing.T, st *store.Store, photo string) {
	ctx := context.Background()
	loc, _ := time.LoadLocation("Europe/Berlin")
	add := func(a store.Article, partners ...string) {
		a.Source = "test"
		if _, err := st.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		var tags []store.Tag
		for _, p := range partners {
			tags = append(tags, store.Tag{Partner: p, Score: 1})
		}
		if _, err := st.ReplaceTags(ctx, a.ID, tags); err != nil {
			t.Fatal(err)
		}
	}
	add(store.Article{URL: "https://city.example.org/de/inhalt/duenkirchen-50/",
		Title: "Krefeld und Dünkirchen feiern 50-jährige Freundschaft", Lead: "Ein Fest in Dunkerque.",
		BodyHTML: "<p>Fest.</p>", PublishedAt: time.Date(2022, 11, 24, 0, 0, 0, 0, loc), Language: "de",
		Images: []store.Image{{URL: photo, Caption: "Die Delegationen vor dem Rathaus", Credit: "Foto: Stadt"}}}, "duenkirchen")
	add(store.Article{URL: "https://city.example.org/de/inhalt/venlo-markt/", Title: hostileTitle,
		Lead: "Markt <b>in</b> Venlo & mehr.", BodyHTML: "<p>Markt.</p>", PublishedAt: time.Date(2022, 11, 20, 0, 0, 0, 0, loc)}, "venlo")
	add(store.Article{URL: "https://city.example.org/de/inhalt/beide/", Title: "Venlo und Dünkirchen zu Gast",
		Lead: "Zwei Partnerstädte.", PublishedAt: time.Date(2022, 11, 10, 0, 0, 0, 0, loc)}, "venlo", "duenkirchen")
}

// get fetches a path with optional header pairs.
func (f *fixture) get(t *testing.T, path string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// servePhoto is a small generated PNG standing in for a press photo.
func servePhoto(w http.ResponseWriter, _ *http.Request) {
	img := image.NewRGBA(image.Rect(0, 0, 320, 180))
	for y := 0; y < 180; y++ {
		for x := 0; x < 320; x++ {
			img.Set(x, y, color.RGBA{uint8(40 + x/4), uint8(90 + y/3), 160, 255})
		}
	}
	w.Header().Set("Content-Type", "image/png")
	png.Encode(w, img)
}
