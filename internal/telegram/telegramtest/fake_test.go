package telegramtest_test

import (
	"errors"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

func connect(t *testing.T, opts telegramtest.Options) (*telegramtest.Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := telegramtest.Start(opts)
	t.Cleanup(srv.Close)
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint("T:1", srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	return srv, bot
}

func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("want *tgbotapi.Error, got %v", err)
	}
	return e
}

func htmlMsg(chat int64, text string) tgbotapi.MessageConfig {
	m := tgbotapi.NewMessage(chat, text)
	m.ParseMode = tgbotapi.ModeHTML
	return m
}

func TestParseHTML(t *testing.T) {
	good := map[string]string{
		`<b>bold</b> &lt;x&gt; &amp; &quot;q&quot; &#39;`:             `bold <x> & "q" '`,
		`<a href="https://e.org/?a=1&amp;b=2">l</a>`:                  `l`,
		`<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>`: `st`,
		`<pre><code class="language-go">x</code></pre>`:               `x`,
		"<blockquote>q</blockquote> <i>i</i><u>u</u><s>s</s>":         "q ius",
		`&#x1F600;`: "😀",
	}
	for in, want := range good {
		got, err := telegramtest.ParseHTML(in)
		if err != nil || got != want {
			t.Errorf("ParseHTML(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{`<foo>x</foo>`, `<b>x`, `<b>x</i>`, `x</b>`, `a < b`, `Tom & Jerry`, `&nbsp;`,
		`<span>x</span>`, `<b`, `&#xD800;`, "\xff"}
	for _, in := range bad {
		if _, err := telegramtest.ParseHTML(in); err == nil {
			t.Errorf("ParseHTML(%q) accepted", in)
		}
	}
}

func TestFakeRejectsWhatTelegramRejects(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	cases := []struct {
		name string
		msg  tgbotapi.Chattable
		want string
	}{
		{"bad HTML", htmlMsg(1, "<b>unclosed"), "can't parse entities"},
		{"unknown tag", htmlMsg(1, "<script>x</script>"), "Unsupported start tag"},
		{"unescaped less-than", htmlMsg(1, "a < b"), "can't parse entities"},
		{"too long", htmlMsg(1, strings.Repeat("a", 4097)), "message is too long"},
		{"too long in UTF-16", htmlMsg(1, strings.Repeat("😀", 2049)), "message is too long"},
		{"empty", htmlMsg(1, "<b></b>"), "message text is empty"},
		{"caption too long", tgbotapi.PhotoConfig{BaseFile: tgbotapi.BaseFile{BaseChat: tgbotapi.BaseChat{ChatID: 1},
			File: tgbotapi.FileURL("https://e.org/p.jpg")}, Caption: strings.Repeat("c", 1025)}, "caption is too long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := bot.Send(c.msg)
			e := apiErr(t, err)
			if e.Code != 400 || !strings.Contains(strings.ToLower(e.Message), strings.ToLower(c.want)) {
				t.Fatalf("got %d %q, want 400 %q", e.Code, e.Message, c.want)
			}
		})
	}
	if _, err := bot.Send(htmlMsg(1, strings.Repeat("&lt;", 4096))); err != nil {
		t.Fatalf("4096 visible characters refused: %v", err)
	}
	if n := len(srv.Messages("1")); n != 1 {
		t.Fatalf("recorded %d messages, want 1", n)
	}
	if n := len(srv.Rejections()); n != len(cases) {
		t.Fatalf("recorded %d rejections, want %d", n, len(cases))
	}
}

func TestFakeRateLimits(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{Limits: telegramtest.Limits{BotPerSecond: 5, ChatPerSecond: 1, GroupPerMinute: 2}})
	if _, err := bot.Send(htmlMsg(1, "one")); err != nil {
		t.Fatal(err)
	}
	_, err := bot.Send(htmlMsg(1, "two, too fast"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter < 1 {
		t.Fatalf("per chat: got %d retry_after=%d, want 429 with retry_after", e.Code, e.RetryAfter)
	}
	for i := int64(2); i <= 5; i++ { // 5 messages in this second so far with the first
		if _, err := bot.Send(htmlMsg(i, "hi")); err != nil {
			t.Fatal(err)
		}
	}
	_, err = bot.Send(htmlMsg(6, "sixth in a second"))
	if e := apiErr(t, err); e.Code != 429 {
		t.Fatalf("per bot: got %d, want 429", e.Code)
	}
	v := srv.Violations()
	if len(v) != 2 || v[0].Limit != "chat" || v[1].Limit != "bot" {
		t.Fatalf("violations %+v", v)
	}
}

func TestFakeGroupLimit(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{Limits: telegramtest.Limits{GroupPerMinute: 2}})
	for i := range 2 {
		if _, err := bot.Send(htmlMsg(-5, "group message")); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	_, err := bot.Send(htmlMsg(-5, "third in a minute"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter < 50 {
		t.Fatalf("got %d retry_after=%d", e.Code, e.RetryAfter)
	}
	if len(srv.Violations()) != 1 {
		t.Fatal("violation not recorded")
	}
}

func TestFakeChatStates(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	srv.Block("1")
	srv.Deactivate("2")
	srv.Vanish("3")
	srv.Migrate("-4", -1000000000004)
	srv.FailSends(1, 502)
	want := []struct {
		chat int64
		code int
		text string
	}{{9, 502, "Bad Gateway"}, {1, 403, "blocked by the user"}, {2, 403, "deactivated"}, {3, 400, "chat not found"}, {-4, 400, "upgraded"}}
	for _, w := range want {
		_, err := bot.Send(htmlMsg(w.chat, "x"))
		e := apiErr(t, err)
		if e.Code != w.code || !strings.Contains(e.Message, w.text) {
			t.Errorf("chat %d: got %d %q", w.chat, e.Code, e.Message)
		}
		if w.chat == -4 && e.MigrateToChatID != -1000000000004 {
			t.Errorf("migrate_to_chat_id = %d", e.MigrateToChatID)
		}
	}
	if _, err := bot.Send(htmlMsg(9, "now it works")); err != nil {
		t.Fatal(err)
	}
}

func TestFakeUpdatesAndCallbacks(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	id := srv.UserSays(telegramtest.Incoming{ChatID: 7, Text: "/start venlo", LanguageCode: "nl"})
	u := tgbotapi.NewUpdate(0)
	u.Timeout = 1
	ups, err := bot.GetUpdates(u)
	if err != nil || len(ups) != 1 || ups[0].UpdateID != id || !ups[0].Message.IsCommand() || ups[0].Message.CommandArguments() != "venlo" {
		t.Fatalf("updates %+v %v", ups, err)
	}
	u.Offset = id + 1
	if ups, err = bot.GetUpdates(u); err != nil || len(ups) != 0 { // confirmed, and the long poll times out empty
		t.Fatalf("confirmed update returned again: %+v (%v)", ups, err)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Venlo", "f:venlo")))
	m := htmlMsg(7, "pick")
	m.ReplyMarkup = kb
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	cb := srv.UserPresses(7, 7, sent.MessageID, "f:venlo")
	if _, err := bot.Request(tgbotapi.NewCallback(cb, "ok")); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(cb, "again")); err == nil {
		t.Fatal("second answer accepted")
	}
	kb2 := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("✅ Venlo", "f:venlo")))
	if _, err := bot.Request(tgbotapi.NewEditMessageReplyMarkup(7, sent.MessageID, kb2)); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewEditMessageReplyMarkup(7, sent.MessageID, kb2)); err == nil {
		t.Fatal("unchanged edit accepted")
	}
	if got := srv.Messages("7")[0]; got.Edits != 1 || !strings.Contains(got.ReplyMarkup, "✅") {
		t.Fatalf("edit not recorded: %+v", got)
	}
}
