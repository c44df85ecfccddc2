package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// accepted checks a rendered article the way Telegram would.
func accepted(t testing.TB, r telegram.Rendered) string {
	t.Helper()
	visible, err := telegramtest.ParseHTML(r.Text)
	if err != nil {
		t.Fatalf("Telegram would reject %q: %v", r.Text, err)
	}
	limit := 4096
	if r.Photo != "" {
		limit = 1024
	}
	if n := telegramtest.UTF16Len(visible); n > limit {
		t.Fatalf("%d UTF-16 units, limit %d", n, limit)
	}
	return visible
}

func TestRenderEscapesAndFits(t *testing.T) {
	nasty := `<script>alert("x")</script> & Tom's "Jumelage" &amp; &nbsp; </b>`
	long := strings.Repeat("Wörter mit Umlauten und 😀 Emoji ", 160) // > 5,000 characters
	for _, tc := range []struct {
		name string
		a    store.Article
	}{
		{"nasty title", store.Article{Title: nasty, URL: `https://example.org/?a=1&b="2"`, Lead: nasty}},
		{"5000-char lead", store.Article{Title: "T", URL: "https://example.org/a", Lead: long}},
		{"5000-char body, no lead", store.Article{Title: "T", URL: "https://example.org/a", BodyText: long}},
		{"5000-char title", store.Article{Title: long, URL: "https://example.org/a", Lead: long}},
		{"photo caption", store.Article{Title: nasty, URL: "https://example.org/a", Lead: long,
			Images: []store.Image{{URL: "https://example.org/p.jpg"}}}},
		{"control characters", store.Article{Title: "a\x00b\x1bc\u00ad", URL: "https://example.org/a", Lead: "\xff\xfe"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.a.PublishedAt = time.Date(2022, 11, 24, 0, 0, 0, 0, time.UTC)
			for _, lang := range i18n.Languages() {
				r := telegram.RenderArticle(tc.a, testPartners()[:2], lang, time.UTC)
				visible := accepted(t, r)
				if !strings.Contains(visible, "24") || !strings.Contains(visible, testPartners()[0].Name(lang)) {
					t.Fatalf("date or partner missing: %q", visible)
				}
			}
		})
	}
	r := telegram.RenderArticle(store.Article{Title: nasty, URL: "https://example.org/a", Lead: nasty}, nil, "en", time.UTC)
	if visible := accepted(t, r); !strings.Contains(visible, `<script>alert("x")</script> & Tom's "Jumelage" &amp; &nbsp; </b>`) {
		t.Fatalf("the title must show as written: %q", visible)
	}
}

func TestRenderShortensOnWordBoundary(t *testing.T) {
	lead := strings.Repeat("Partnerschaft ", 100)
	r := telegram.RenderArticle(store.Article{Title: "T", URL: "https://example.org/a", Lead: lead}, nil, "de", time.UTC)
	visible := accepted(t, r)
	if !strings.Contains(visible, "Partnerschaft…") || strings.Contains(visible, "Partnersch…") {
		t.Fatalf("not cut on a word boundary: %q", visible)
	}
}

func FuzzRenderArticle(f *testing.F) {
	f.Add("Besuch aus <Dünkirchen> & \"Leiden\"", "Lead", "https://example.org/a?b=1&c=2", "https://example.org/i.jpg")
	f.Add(strings.Repeat("😀", 3000), strings.Repeat("a ", 3000), "", "")
	f.Fuzz(func(t *testing.T, title, lead, url, photo string) {
		a := store.Article{Title: title, Lead: lead, URL: url, PublishedAt: time.Unix(1700000000, 0)}
		if photo != "" {
			a.Images = []store.Image{{URL: photo}}
		}
		for _, lang := range []string{"de", "uk", "xx"} {
			accepted(t, telegram.RenderArticle(a, testPartners(), lang, time.UTC))
		}
	})
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start duenkirchen", "/follow@partnerfeed_test_bot Dunkerque", "/follow@other x", "hello", "/", "/a\nb", " /help"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, ok := telegram.ParseCommand(text, "partnerfeed_test_bot")
		if !ok {
			return
		}
		if c.Name == "" || c.Name != strings.ToLower(c.Name) || strings.ContainsAny(c.Name, "/@ \n") {
			t.Fatalf("bad command name %q from %q", c.Name, text)
		}
		if c.Args != strings.TrimSpace(c.Args) {
			t.Fatalf("untrimmed args %q", c.Args)
		}
	})
}

func TestParseCommand(t *testing.T) {
	for text, want := range map[string]string{
		"/start duenkirchen":                       "start|duenkirchen",
		"/Follow@PartnerFeed_Test_Bot  Dunkerque ": "follow|Dunkerque",
		"/latest":                 "latest|",
		"/follow@other_bot venlo": "-",
		"hello":                   "-",
		"/föllow x":               "-",
	} {
		c, ok := telegram.ParseCommand(text, "partnerfeed_test_bot")
		got := "-"
		if ok {
			got = c.Name + "|" + c.Args
		}
		if got != want {
			t.Errorf("ParseCommand(%q) = %s, want %s", text, got, want)
		}
	}
}
