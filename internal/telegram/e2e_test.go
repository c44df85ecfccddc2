package telegram_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// fastLimits keep the tests quick; the fake enforces the same limits.
var fastLimits = telegramtest.Limits{BotPerSecond: 200, ChatPerSecond: 20, GroupPerMinute: 600}

func (h *harness) follows(chat int64) []string {
	h.t.Helper()
	f, err := h.store.TelegramFollows(h.ctx, chat)
	if err != nil {
		h.t.Fatal(err)
	}
	return f
}

func TestFollowAndReceiveOnce(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.Channels["duenkirchen"] = "@krefeld_dunkerque" })
	h.waitFor("setMyCommands", func() bool { return len(h.fake.Commands()) > 0 })

	answer := h.say(101, "/start duenkirchen")
	if !strings.Contains(answer.Text, "Dünkirchen") || !strings.Contains(answer.ReplyMarkup, "✅ Dünkirchen") {
		t.Fatalf("deep link answer: %q %s", answer.Text, answer.ReplyMarkup)
	}
	if got := h.follows(101); !slices.Equal(got, []string{"duenkirchen"}) {
		t.Fatalf("follows after /start duenkirchen: %v", got)
	}
	h.say(102, "/follow Venlo")
	answer = h.say(103, "/follow Dunkerque")
	if got := h.follows(103); !slices.Equal(got, []string{"duenkirchen"}) || !strings.Contains(answer.Text, "Dünkirchen") {
		t.Fatalf("/follow Dunkerque: follows %v, answer %q", got, answer.Text)
	}

	title := `Besuch aus Dünkirchen: <Jumelage> & "Freundschaft" 'seit 1974'`
	a := h.publish(title, "duenkirchen")
	counts := h.settled(a, 3) // 101, 103 and the channel
	if counts["sent"] != 3 {
		t.Fatalf("ledger %v", counts)
	}
	for chat, want := range map[string]int{"101": 1, "103": 1, "102": 0, "@krefeld_dunkerque": 1} {
		if got := h.articleMessages(chat, title); got != want {
			t.Errorf("chat %s got %d messages about the article, want %d", chat, got, want)
		}
	}
	msg := h.fake.Messages("101")
	last := msg[len(msg)-1]
	if !strings.HasPrefix(last.HTML, `<b><a href="https://example.org/`) || !strings.Contains(last.Text, "Dünkirchen") ||
		!strings.Contains(last.HTML, "&lt;Jumelage&gt; &amp; &#34;Freundschaft&#34;") {
		t.Fatalf("article message: %s", last.HTML)
	}

	// Handing the same article to the fan-out again sends nothing more:
	// once its jobs ran, anything they sent has reached the fake.
	h.drained()
	h.publish(title, "duenkirchen")
	h.drained()
	h.settled(a, 3)
	if got := h.articleMessages("101", title); got != 1 {
		t.Fatalf("a second notify job sent again: %d messages", got)
	}
	if r := h.fake.Rejections(); len(r) > 0 || len(h.fake.Violations()) > 0 {
		t.Fatalf("rejections %v, violations %v", r, h.fake.Violations())
	}
}

func TestInlineKeyboard(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	menu := h.say(201, "/partners")
	if strings.Contains(menu.ReplyMarkup, "✅") {
		t.Fatalf("nothing followed yet, but: %s", menu.ReplyMarkup)
	}
	var kb tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(menu.ReplyMarkup), &kb); err != nil || len(kb.InlineKeyboard) != 2 {
		t.Fatalf("keyboard %s: %v", menu.ReplyMarkup, err)
	}
	press := func(data string) string {
		id := h.fake.UserPresses(201, 201, menu.ID, data)
		var text string
		h.waitFor("the callback answer", func() bool {
			var ok bool
			text, ok = h.fake.CallbackAnswer(id)
			return ok
		})
		return text
	}
	if got := press("f:leiden"); !strings.Contains(got, "Leiden") {
		t.Fatalf("answer %q", got)
	}
	edited := h.fake.Messages("201")[0]
	if !slices.Equal(h.follows(201), []string{"leiden"}) || !strings.Contains(edited.ReplyMarkup, "✅ Leiden") || edited.Edits != 1 {
		t.Fatalf("after tap: follows %v, markup %s", h.follows(201), edited.ReplyMarkup)
	}
	press("f:leiden")
	edited = h.fake.Messages("201")[0]
	if len(h.follows(201)) != 0 || strings.Contains(edited.ReplyMarkup, "✅") || edited.Edits != 2 {
		t.Fatalf("after second tap: follows %v, markup %s", h.follows(201), edited.ReplyMarkup)
	}
	if n := len(h.fake.Messages("201")); n != 1 {
		t.Fatalf("taps sent %d new messages; the keyboard must update in place", n-1)
	}
}

func TestBlockedUserDeactivatedAfterOne403(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(301, "/follow duenkirchen")
	h.say(302, "/follow duenkirchen")
	h.fake.Block("301")
	before := h.fake.Attempts("301")
	a := h.publish("Erster Artikel über Dünkirchen", "duenkirchen")
	counts := h.settled(a, 2)
	if counts["sent"] != 1 || counts["failed"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
	if n := h.fake.Attempts("301") - before; n != 1 {
		t.Fatalf("%d requests to the blocked chat, want 1", n)
	}
	chat, err := h.store.TelegramChat(h.ctx, 301)
	if err != nil || chat.Active {
		t.Fatalf("blocked chat still active: %+v %v", chat, err)
	}
	b := h.publish("Zweiter Artikel über Dünkirchen", "duenkirchen")
	h.settled(b, 1) // only 302
	if n := h.fake.Attempts("301") - before; n != 1 {
		t.Fatalf("deactivated chat was tried again (%d requests)", n)
	}
}

func TestCommands(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.publish("Neues aus Leiden", "leiden")
	for _, c := range []struct{ text, want string }{
		{"/help", "/partners"},
		{"/follow", "Welche Stadt?"},
		{"/follow Atlantis", "„Atlantis“"},
		{"/follow <b>", "„&lt;b&gt;“"},
		{"/follow leyde", "Sie folgen jetzt <b>Leiden</b>"},
		{"/follow Leiden", "bereits"},
		{"/list", "Sie folgen: Leiden"},
		{"/latest", "Neues aus Leiden"},
		{"/latest venlo", "Noch keine Nachrichten"},
		{"/unfollow Leiden", "nicht mehr"},
		{"/unfollow Leiden", "folgten"},
		{"/list", "noch keiner"},
		{"/nonsense", "kenne ich nicht"},
		{"Hallo", "nur Befehle"},
		{"venlo", "/follow venlo"},
		{"/language fr", "français"},
		{"/help", "/partners – choisir"},
		{"/language", "Choisissez"},
	} {
		if got := h.say(401, c.text); !strings.Contains(got.HTML, c.want) {
			t.Errorf("%s: got %q, want %q in it", c.text, got.HTML, c.want)
		}
	}
	h.say(401, "/follow venlo")
	h.say(401, "/stop")
	if _, err := h.store.TelegramChat(h.ctx, 401); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("/stop kept the chat: %v", err)
	}
	if len(h.follows(401)) != 0 {
		t.Fatal("/stop kept the follows")
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}

func TestGroupCommands(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	group := telegramtest.Incoming{ChatID: -501, ChatType: "group", ChatTitle: "Jumelage", UserID: 7}
	h.fake.SetMember(-501, 7, "administrator")
	for _, text := range []string{"/follow@other_bot venlo", "Hallo zusammen", "/unknown"} {
		group.Text = text
		h.fake.UserSays(group)
	}
	group.Text = "/follow@partnerfeed_test_bot Venlo"
	h.fake.UserSays(group)
	h.waitFor("the group answer", func() bool { return len(h.fake.Messages("-501")) > 0 })
	if !slices.Equal(h.follows(-501), []string{"venlo"}) || len(h.fake.Messages("-501")) != 1 {
		t.Fatalf("follows %v, messages %+v", h.follows(-501), h.fake.Messages("-501"))
	}
	h.fake.Migrate("-501", -1000000000501)
	a := h.publish("Venlo feiert", "venlo")
	h.settled(a, 1)
	if h.articleMessages("-1000000000501", "Venlo feiert") != 1 || !slices.Equal(h.follows(-1000000000501), []string{"venlo"}) {
		t.Fatalf("migration not followed: %+v", h.fake.Messages(""))
	}
}

func TestPhotoWithCaptionAndFallback(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(1101, "/follow venlo")
	article := func(title string) store.Article {
		return store.Article{Source: "test", URL: "https://example.org/" + title, Title: title,
			Lead: strings.Repeat("Ein langer Vorspann über Venlo. ", 200), PublishedAt: time.Now(),
			Images: []store.Image{{URL: "https://example.org/" + title + ".jpg", Caption: "Foto"}}}
	}
	a := h.publishArticle(article("Venlo-Foto"), "venlo")
	h.settled(a, 1)
	msgs := h.fake.Messages("1101")
	if last := msgs[len(msgs)-1]; last.Method != "sendPhoto" || last.Photo != "https://example.org/Venlo-Foto.jpg" ||
		!strings.Contains(last.Text, "Venlo-Foto") || telegramtest.UTF16Len(last.Text) > 1024 {
		t.Fatalf("photo message %+v", last)
	}
	h.fake.RefusePhotos()
	b := h.publishArticle(article("Venlo-ohne-Foto"), "venlo")
	if counts := h.settled(b, 1); counts["sent"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
	msgs = h.fake.Messages("1101")
	if last := msgs[len(msgs)-1]; last.Method != "sendMessage" || !strings.Contains(last.Text, "Venlo-ohne-Foto") {
		t.Fatalf("no text fallback: %+v", last)
	}
}

func TestOldArticlesNotifyNobody(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(1201, "/follow venlo")
	old := h.publishArticle(store.Article{Source: "test", URL: "https://example.org/old", Title: "Venlo 2019",
		PublishedAt: time.Now().AddDate(-5, 0, 0)}, "venlo")
	h.waitFor("the notify job", func() bool {
		res, err := h.river.JobList(h.ctx, river.NewJobListParams().Kinds("notify_article").States(rivertype.JobStateCompleted))
		return err == nil && len(res.Jobs) == 1
	})
	if counts, err := h.store.DeliveryCounts(h.ctx, old.ID, telegram.Channel); err != nil || len(counts) != 0 {
		t.Fatalf("an article found by a backfill was pushed: %v (%v)", counts, err)
	}
}

func TestLanguageKeyboard(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	menu := h.say(1301, "/language")
	if !strings.Contains(menu.ReplyMarkup, "l:uk") {
		t.Fatalf("no language keyboard: %s", menu.ReplyMarkup)
	}
	id := h.fake.UserPresses(1301, 1301, menu.ID, "l:uk")
	h.waitFor("the answer", func() bool { _, ok := h.fake.CallbackAnswer(id); return ok })
	chat, err := h.store.TelegramChat(h.ctx, 1301)
	if err != nil || chat.Language != "uk" {
		t.Fatalf("language %q %v", chat.Language, err)
	}
	if edited := h.fake.Messages("1301")[0]; !strings.Contains(edited.Text, "українською") || !strings.Contains(edited.ReplyMarkup, "✅ Українська") {
		t.Fatalf("message not edited: %+v", edited)
	}
	if got := h.say(1301, "/list"); !strings.Contains(got.Text, "Оберіть") {
		t.Fatalf("/list not in Ukrainian: %q", got.Text)
	}
}

func TestBlockingTheBotDeactivatesAtOnce(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(1401, "/follow venlo")
	h.fake.UserBlocksBot(1401)
	h.waitFor("the deactivation", func() bool {
		c, err := h.store.TelegramChat(h.ctx, 1401)
		return err == nil && !c.Active
	})
	before := h.fake.Attempts("1401")
	a := h.publish("Venlo ohne 1401", "venlo")
	h.waitFor("the notify job", func() bool {
		res, err := h.river.JobList(h.ctx, river.NewJobListParams().Kinds("notify_article").States(rivertype.JobStateCompleted))
		return err == nil && len(res.Jobs) == 1
	})
	if counts, err := h.store.DeliveryCounts(h.ctx, a.ID, telegram.Channel); err != nil || len(counts) != 0 || h.fake.Attempts("1401") != before {
		t.Fatalf("a chat that blocked the bot was sent to: %v (%v)", counts, err)
	}
}
