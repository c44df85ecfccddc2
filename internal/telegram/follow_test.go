package telegram_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestFollowSeveralCities(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const chat = 801
	for _, c := range []struct {
		text    string
		want    []string // in the answer's HTML
		follows []string
	}{
		{"/follow Venlo Leiden", []string{"Sie folgen jetzt <b>Venlo</b>, <b>Leiden</b>."}, []string{"leiden", "venlo"}},
		{"/follow landkreis oder-spree, Atlantis und Dunkerque",
			[]string{"Sie folgen jetzt <b>Landkreis Oder-Spree</b>, <b>Dünkirchen</b>.", "Eine Partnerstadt „Atlantis“ kenne ich nicht."},
			[]string{"duenkirchen", "leiden", "oder-spree", "venlo"}},
		{"/follow Venlo Gondor <Mordor>", []string{"Sie folgen <b>Venlo</b> bereits.", "Partnerstädte namens „Gondor“, „&lt;Mordor&gt;“ kenne ich nicht."},
			[]string{"duenkirchen", "leiden", "oder-spree", "venlo"}},
		{"/unfollow venlo leyde", []string{"Sie folgen <b>Venlo</b>, <b>Leiden</b> nicht mehr."}, []string{"duenkirchen", "oder-spree"}},
		{"/unfollow Venlo Dunkerque", []string{"Sie folgen <b>Dünkirchen</b> nicht mehr.", "Sie folgten <b>Venlo</b> nicht."}, []string{"oder-spree"}},
		{"/follow und", []string{"„und“"}, []string{"oder-spree"}},
		{"/unfollow all", []string{"keiner Partnerstadt mehr"}, nil},
		{"/unfollow alle", []string{"noch keiner Partnerstadt"}, nil},
		{"/follow all", []string{"allen 4 Partnerstädten"}, []string{"duenkirchen", "leiden", "oder-spree", "venlo"}},
	} {
		got := h.say(chat, c.text)
		for _, w := range c.want {
			if !strings.Contains(got.HTML, w) {
				t.Errorf("%s: answer %q, want %q in it", c.text, got.HTML, w)
			}
		}
		if f := h.follows(chat); !slices.Equal(f, c.follows) {
			t.Errorf("%s: follows %v, want %v", c.text, f, c.follows)
		}
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}

func TestUnfollowKeyboard(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const chat = 802
	if got := h.say(chat, "/unfollow"); got.ReplyMarkup != "" || !strings.Contains(got.Text, "noch keiner") {
		t.Fatalf("/unfollow following nothing: %q %s", got.Text, got.ReplyMarkup)
	}
	h.say(chat, "/follow Venlo Leiden")
	menu := h.say(chat, "/unfollow")
	var kb tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(menu.ReplyMarkup), &kb); err != nil {
		t.Fatal(err)
	}
	var buttons []string
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			buttons = append(buttons, b.Text+"="+*b.CallbackData)
		}
	}
	if want := []string{"✖ Venlo=u:venlo", "✖ Leiden=u:leiden"}; !slices.Equal(buttons, want) {
		t.Fatalf("/unfollow keyboard %v, want %v", buttons, want)
	}
	if got := h.tap(chat, chat, menu.ID, "u:venlo"); got != "Sie folgen Venlo nicht mehr" {
		t.Fatalf("tap answered %q", got)
	}
	edited := h.fake.Messages("802")[len(h.fake.Messages("802"))-1]
	if !slices.Equal(h.follows(chat), []string{"leiden"}) || edited.ID != menu.ID || strings.Contains(edited.ReplyMarkup, "Venlo") ||
		!strings.Contains(edited.ReplyMarkup, "u:leiden") {
		t.Fatalf("after the tap: follows %v, message %+v", h.follows(chat), edited)
	}
	h.tap(chat, chat, menu.ID, "u:leiden")
	edited = h.fake.Messages("802")[len(h.fake.Messages("802"))-1]
	if len(h.follows(chat)) != 0 || edited.ID != menu.ID || edited.ReplyMarkup != "" || !strings.Contains(edited.Text, "noch keiner") {
		t.Fatalf("after the last tap: follows %v, message %+v", h.follows(chat), edited)
	}
	// A stale button unfollows nothing more and still answers.
	if got := h.tap(chat, chat, menu.ID, "u:leiden"); got == "" || len(h.follows(chat)) != 0 {
		t.Fatalf("stale tap answered %q, follows %v", got, h.follows(chat))
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}
