package telegram_test

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// harness is a running bot (with River and the notify worker) against a fake.
type harness struct {
	t     testing.TB
	ctx   context.Context
	fake  *telegramtest.Server
	store *store.Store
	river *jobs.Client
	bot   *telegram.Bot
	cfg   config.Config
	// stopBot stops the bot's Run (its polling) and waits for it; startBot
	// runs a new bot instance on the same database, as after a restart.
	stopBot func()
}

// startBot runs a new Bot on the harness's database and fake.
func (h *harness) startBot() {
	h.t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg := jobs.NewRegistry() // the workers stay the first bot's; jobs go to its client
	reg.Inserter.Use(h.river)
	bot, err := telegram.New(h.ctx, h.cfg, h.store, reg, log)
	if err != nil {
		h.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(h.ctx)
	done := make(chan struct{})
	go func() { bot.Run(ctx); close(done) }()
	h.bot = bot
	h.stopBot = func() { cancel(); <-done }
}

func testPartners() []config.Partner {
	return []config.Partner{
		{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque", "en": "Dunkirk"},
			Aliases: []string{"Dünkirchen", "Dunkerque", "Dunkirk"}},
		{Slug: "venlo", Names: map[string]string{"de": "Venlo"}, Aliases: []string{"Venlo"}},
		{Slug: "leiden", Names: map[string]string{"de": "Leiden", "fr": "Leyde"}, Aliases: []string{"Leiden", "Leyde"}},
		{Slug: "oder-spree", Names: map[string]string{"de": "Landkreis Oder-Spree", "en": "Oder-Spree District"},
			Aliases: []string{"Landkreis Oder-Spree", "Oder-Spree"}},
	}
}

func newHarness(t testing.TB, limits telegramtest.Limits, tune func(*config.Telegram)) *harness {
	t.Helper()
	return newHarnessConfig(t, limits, func(cfg *config.Config) {
		if tune != nil {
			tune(cfg.Telegram)
		}
	})
}

// newHarnessConfig is newHarness with the whole config to tune.
func newHarnessConfig(t testing.TB, limits telegramtest.Limits, tune func(*config.Config)) *harness {
	t.Helper()
	return newHarnessLog(t, limits, tune, testLog(t))
}

// newHarnessLog is newHarnessConfig with the bot's log going to log.
func newHarnessLog(t testing.TB, limits telegramtest.Limits, tune func(*config.Config), log *slog.Logger) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1", Limits: limits})
	st := storetest.OpenDefault(t)
	cfg := testConfig(fake, limits, nil)
	tune(&cfg)
	reg := jobs.NewRegistry()
	bot, err := telegram.New(ctx, cfg, st, reg, log)
	if err != nil {
		t.Fatal(err)
	}
	river.AddWorker(reg.Workers, &notify.Worker{Store: st, Fanouts: []notify.Fanout{bot}, MaxAge: cfg.Notify.MaxAge})
	client, err := jobs.NewClient(st, reg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	botCtx, stopBot := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { bot.Run(botCtx); close(done) }()
	t.Cleanup(func() {
		cancel()
		sctx, c2 := context.WithTimeout(context.Background(), 5*time.Second)
		defer c2()
		client.Stop(sctx)
		fake.Close()
		st.Close()
	})
	h := &harness{t: t, ctx: ctx, fake: fake, store: st, river: client, bot: bot, cfg: cfg}
	h.stopBot = func() { stopBot(); <-done }
	t.Cleanup(func() { h.stopBot() })
	return h
}

// testConfig is the config of a bot on the fake, with the fake's limits.
func testConfig(fake *telegramtest.Server, limits telegramtest.Limits, tune func(*config.Telegram)) config.Config {
	tg := &config.Telegram{Token: "T:1", APIEndpoint: fake.Endpoint(), Mode: "polling",
		Channels: map[string]string{}, PollTimeout: time.Second, SendTimeout: 2 * time.Second,
		RatePerSecond: float64(limits.BotPerSecond), ChatRatePerSecond: float64(limits.ChatPerSecond),
		GroupRatePerMinute: float64(limits.GroupPerMinute)}
	if tune != nil {
		tune(tg)
	}
	return configtest.Build(config.Config{Site: config.Site{Title: "Krefeld <Partner> & \"Friends\"", BaseURL: "http://127.0.0.1:1", Language: "de"},
		Notify: config.Notify{MaxAge: 168 * time.Hour}, Partners: testPartners(), Telegram: tg})
}

// testLog discards the bot's log, or shows it with -v.
func testLog(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(testWriter{t}, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// waitFor polls cond until it holds or fails the test after 15 s.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(120 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

// say sends a user message and waits until the bot confirmed it and answered.
func (h *harness) say(chat int64, text string) telegramtest.Message {
	h.t.Helper()
	return h.ask(telegramtest.Incoming{ChatID: chat, Text: text, LanguageCode: "de"})
}

// ask sends an incoming message and waits for the bot's next message in
// its chat.
func (h *harness) ask(in telegramtest.Incoming) telegramtest.Message {
	h.t.Helper()
	chat := strconv.FormatInt(in.ChatID, 10)
	before := len(h.fake.Messages(chat))
	h.fake.UserSays(in)
	var got telegramtest.Message
	h.waitFor("an answer to "+in.Text, func() bool {
		msgs := h.fake.Messages(chat)
		if len(msgs) > before {
			got = msgs[len(msgs)-1]
			return true
		}
		return false
	})
	return got
}

// publish stores a tagged article and runs the real notify path for it.
func (h *harness) publish(title string, partners ...string) store.Article {
	h.t.Helper()
	return h.publishArticle(store.Article{Source: "test", URL: "https://example.org/" + strconv.Quote(title), Title: title,
		Lead: "Eine Delegation besuchte die Partnerstadt.", BodyText: strings.Repeat("Text ", 1000),
		PublishedAt: time.Now().Add(-time.Hour)}, partners...)
}

// publishArticle stores a tagged article and runs the real notify path for it.
func (h *harness) publishArticle(a store.Article, partners ...string) store.Article {
	h.t.Helper()
	if _, err := h.store.UpsertArticle(h.ctx, &a); err != nil {
		h.t.Fatal(err)
	}
	var tags []store.Tag
	for _, p := range partners {
		tags = append(tags, store.Tag{Partner: p, Score: 1, Evidence: "{}"})
	}
	if _, err := h.store.ReplaceTags(h.ctx, a.ID, tags); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.river.Insert(h.ctx, notify.ArticleArgs{ArticleID: a.ID, Partners: partners}, nil); err != nil {
		h.t.Fatal(err)
	}
	return a
}

// settled waits until an article has ledger rows and none is left to send.
func (h *harness) settled(a store.Article, rows int) map[string]int {
	h.t.Helper()
	var counts map[string]int
	h.waitFor("deliveries of "+a.Title, func() bool {
		var err error
		counts, err = h.store.DeliveryCounts(h.ctx, a.ID, telegram.Channel)
		if err != nil {
			h.t.Fatal(err)
		}
		total := 0
		for _, n := range counts {
			total += n
		}
		return total == rows && counts["pending"] == 0 && counts["sending"] == 0
	})
	return counts
}

// articleMessages returns the messages to chat that carry the article's title.
func (h *harness) articleMessages(chat, title string) int {
	n := 0
	for _, m := range h.fake.Messages(chat) {
		if strings.Contains(m.Text, title) {
			n++
		}
	}
	return n
}
