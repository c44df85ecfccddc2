package notify_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/digest/digesttest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

const ruleMaxAge = 7 * 24 * time.Hour

// ruleCase is one line of the delivery rule, run through every channel.
type ruleCase struct {
	name string
	// published is how long before being first seen the article was published.
	published time.Duration
	// seenBefore > 0: the article was first seen that long before the
	// recipients started following (else they follow first).
	seenBefore time.Duration
	backfill   bool // found by its source's first ingest
	hidden     bool // withdrawn by the press office before it was sent
	other      bool // tagged with a partner nobody of the case follows
	// previousIssue: the digest recipients had an issue (with an earlier
	// article) before this article arrived.
	previousIssue bool
	push, digest  bool // whether Telegram and each digest deliver it (once)
}

var ruleCases = []ruleCase{
	{name: "backfill", published: time.Hour, backfill: true},
	// The reported bug: a backfill reached the digest of a subscriber who
	// signed up later.
	{name: "backfill, recipients from later", published: time.Hour, seenBefore: time.Hour, backfill: true},
	{name: "too old", published: ruleMaxAge + time.Hour},
	{name: "hidden", published: time.Hour, hidden: true},
	{name: "hidden, recipients from later", published: time.Hour, seenBefore: time.Hour, hidden: true},
	{name: "before follow", published: time.Hour, seenBefore: time.Hour, digest: true},
	{name: "after follow", published: time.Hour, push: true, digest: true},
	{name: "not followed partner", published: time.Hour, other: true},
	{name: "welcome issue", published: time.Hour, seenBefore: ruleMaxAge - 2*time.Hour, digest: true},
	{name: "welcome issue ends at max_age", published: time.Hour, seenBefore: ruleMaxAge + 2*time.Hour},
	{name: "second issue", published: time.Hour, previousIssue: true, push: true, digest: true},
}

// TestDeliveryRule is the delivery rule (internal/notify/rule.go) as one
// table, each case run through a Telegram chat (the Bot API fake), a daily
// and a weekly self-service digest and a configured digest (mailpit), on
// SQLite and PostgreSQL.
func TestDeliveryRule(t *testing.T) { storetest.Each(t, testDeliveryRule) }

func testDeliveryRule(t *testing.T, st *store.Store) {
	e := newRuleEnv(t, st)
	for i, c := range ruleCases {
		t.Run(c.name, func(t *testing.T) { e.run(t, i, c) })
	}
}

// ruleEnv is the daemon's delivery side on real parts: River with the notify
// worker, the Telegram bot on the fake and the digest service on mailpit.
type ruleEnv struct {
	ctx   context.Context
	cfg   config.Config
	st    *store.Store
	fake  *telegramtest.Server
	mp    *mailpittest.Server
	svc   *digest.Service
	river *jobs.Client
	slot  time.Time
}

func casePartner(i int) string { return "case" + strconv.Itoa(i) }

func newRuleEnv(t *testing.T, st *store.Store) *ruleEnv {
	ctx, cancel := context.WithCancel(context.Background())
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1"})
	mp := mailpittest.Start(t)
	base := digesttest.Config("https://city.example", mp.SMTPPort)
	base.Notify.MaxAge = ruleMaxAge
	base.Partners = []config.Partner{{Slug: "other", Names: map[string]string{"de": "Anderswo"}}}
	base.Email.Digests = nil
	for i := range ruleCases {
		p := casePartner(i)
		base.Partners = append(base.Partners, config.Partner{Slug: p, Names: map[string]string{"de": "Stadt " + p}})
		base.Email.Digests = append(base.Email.Digests, config.Digest{Name: "office-" + p,
			To: []string{"office-" + p + "@example.org"}, Partners: []string{p}, Language: "de", Schedule: "0 8 * * 1"})
	}
	base.Telegram = &config.Telegram{Token: "T:1", APIEndpoint: fake.Endpoint(), Mode: "polling",
		Channels: map[string]string{}, PollTimeout: time.Second, SendTimeout: 2 * time.Second,
		RatePerSecond: 200, ChatRatePerSecond: 20, GroupRatePerMinute: 600}
	cfg := configtest.Build(base)
	log := digesttest.QuietLog()
	svc, err := digest.New(cfg, st, log)
	if err != nil {
		t.Fatal(err)
	}
	reg := jobs.NewRegistry()
	bot, err := telegram.New(ctx, cfg, st, reg, log)
	if err != nil {
		t.Fatal(err)
	}
	river.AddWorker(reg.Workers, &notify.Worker{Store: st, Fanouts: []notify.Fanout{bot, svc}, MaxAge: cfg.Notify.MaxAge})
	client, err := jobs.NewClient(st, reg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { bot.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		sctx, c2 := context.WithTimeout(context.Background(), 5*time.Second)
		defer c2()
		client.Stop(sctx)
		fake.Close()
	})
	return &ruleEnv{ctx: context.Background(), cfg: cfg, st: st, fake: fake, mp: mp, svc: svc, river: client,
		slot: time.Now().Truncate(time.Minute).Add(time.Hour)}
}

// recipients of case i: a chat, a daily and a weekly subscriber, an office.
type recipients struct {
	chat          int64
	daily, weekly store.EmailSubscriber
	office        string // ledger key
	officeAddr    string
}

func (r recipients) digestKeys() []string {
	return []string{r.daily.Recipient(), r.weekly.Recipient(), r.office}
}

func (r recipients) addresses() []string {
	return []string{r.daily.Email, r.weekly.Email, r.officeAddr}
}

func (e *ruleEnv) run(t *testing.T, i int, c ruleCase) {
	p := casePartner(i)
	rc := recipients{chat: int64(1000 + i), office: store.DigestRecipient("office-" + p), officeAddr: "office-" + p + "@example.org"}
	follow := func() {
		if err := e.st.UpsertTelegramChat(e.ctx, store.TelegramChat{ID: rc.chat, Kind: "private", Language: "de"}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.FollowPartner(e.ctx, rc.chat, p); err != nil {
			t.Fatal(err)
		}
		rc.daily = e.subscribe(t, fmt.Sprintf("daily-%d@example.org", i), "daily", p)
		rc.weekly = e.subscribe(t, fmt.Sprintf("weekly-%d@example.org", i), "weekly", p)
		e.send(t, rc.office) // a configured digest starts with its first slot
	}
	var earlier store.Article
	if c.seenBefore == 0 {
		follow()
		if c.previousIssue {
			earlier = e.publish(t, store.Article{Title: "Earlier news " + p, PublishedAt: time.Now().Add(-time.Hour)}, p)
			e.send(t, rc.digestKeys()...)
		}
	}
	a := store.Article{Title: "Case news " + p, Backfill: c.backfill}
	if c.hidden {
		a.HiddenAt = time.Now()
	}
	if c.seenBefore > 0 {
		a.FirstSeenAt = time.Now().Add(-c.seenBefore)
		a.PublishedAt = a.FirstSeenAt.Add(-c.published)
	} else {
		a.PublishedAt = time.Now().Add(-c.published)
	}
	partner := p
	if c.other {
		partner = "other"
	}
	a = e.publish(t, a, partner)
	if c.seenBefore > 0 {
		follow()
	}
	e.send(t, rc.digestKeys()...)
	e.telegramSettled(t, a)

	if n := e.chatMessages(rc.chat, a.Title); n != b2i(c.push) {
		t.Errorf("Telegram: chat got the article %d times, want %d", n, b2i(c.push))
	}
	for _, addr := range rc.addresses() {
		if n := e.mails(t, addr, a.Title); n != b2i(c.digest) {
			t.Errorf("digest to %s: %d issues hold the article, want %d", addr, n, b2i(c.digest))
		}
		if earlier.ID != 0 {
			if n := e.mails(t, addr, earlier.Title); n != 1 {
				t.Errorf("digest to %s: %d issues hold the earlier article, want 1 (the first)", addr, n)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// subscribe asks for and confirms a self-service subscription.
func (e *ruleEnv) subscribe(t *testing.T, addr, schedule, partner string) store.EmailSubscriber {
	sub, _, err := e.st.RequestEmailSubscription(e.ctx, store.EmailSubscriber{Email: addr, Language: "de",
		Schedule: schedule, Partners: []string{partner}})
	if err != nil {
		t.Fatal(err)
	}
	sub, err = e.svc.Confirm(e.ctx, sub.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// publish stores an article tagged with partner and runs its notify job to the end.
func (e *ruleEnv) publish(t *testing.T, a store.Article, partner string) store.Article {
	a.Source, a.URL = "test", "https://city.example/news/"+strings.ReplaceAll(strings.ToLower(a.Title), " ", "-")
	if _, err := e.st.UpsertArticle(e.ctx, &a); err != nil {
		t.Fatal(err)
	}
	if !a.HiddenAt.IsZero() {
		if _, err := e.st.SetArticleHidden(e.ctx, a.ID, true, "withdrawn", a.HiddenAt); err != nil {
			t.Fatal(err)
		}
	}
	added, err := e.st.ReplaceTags(e.ctx, a.ID, []store.Tag{{Partner: partner, Score: 1}})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := e.river.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	res, err := e.river.Insert(e.ctx, notify.ArticleArgs{ArticleID: a.ID, Partners: added}, nil)
	if err != nil {
		t.Fatal(err)
	}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Job.ID != res.Job.ID {
				continue
			}
			if ev.Kind != river.EventKindJobCompleted {
				t.Fatalf("notify job: %v", ev.Job.Errors)
			}
			return a
		case <-timeout:
			t.Fatal("the notify job did not complete")
		}
	}
}

// send sends the recipients' issues of the next slot, as the send job does.
func (e *ruleEnv) send(t *testing.T, keys ...string) {
	e.slot = e.slot.Add(time.Hour)
	if err := e.svc.SendSlot(e.ctx, keys, e.slot); err != nil {
		t.Fatal(err)
	}
}

// telegramSettled waits until no Telegram ledger row of a is left to send
// (the rows were recorded with the notify job, or there are none).
func (e *ruleEnv) telegramSettled(t *testing.T, a store.Article) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		counts, err := e.st.DeliveryCounts(e.ctx, a.ID, telegram.Channel)
		if err != nil {
			t.Fatal(err)
		}
		if counts["pending"] == 0 && counts["sending"] == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Telegram deliveries of %s not sent: %v", a.Title, counts)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

func (e *ruleEnv) chatMessages(chat int64, title string) int {
	n := 0
	for _, m := range e.fake.Messages(strconv.FormatInt(chat, 10)) {
		if strings.Contains(m.Text, title) {
			n++
		}
	}
	return n
}

// mails counts the messages to addr whose text holds title.
func (e *ruleEnv) mails(t *testing.T, addr, title string) int {
	n := 0
	for _, s := range e.mp.Messages() {
		if len(s.To) == 1 && s.To[0].Address == addr && strings.Contains(e.mp.Message(s.ID).Text, title) {
			n++
		}
	}
	return n
}
