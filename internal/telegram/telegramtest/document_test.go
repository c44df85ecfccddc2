package telegramtest_test

import (
	"bytes"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

func TestSendDocument(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	doc := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "feeds.opml", Bytes: []byte("<opml/>")})
	doc.Caption, doc.ParseMode = "<b>Feeds</b>", tgbotapi.ModeHTML
	sent, err := bot.Send(doc)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Document == nil || sent.Document.FileName != "feeds.opml" || sent.Document.FileSize != 7 || sent.Caption != "Feeds" {
		t.Fatalf("answer: %+v", sent)
	}
	msgs := srv.Messages("42")
	if len(msgs) != 1 || msgs[0].Method != "sendDocument" || msgs[0].Document == nil ||
		!bytes.Equal(msgs[0].Document.Data, []byte("<opml/>")) || msgs[0].Document.FileName != "feeds.opml" || msgs[0].HTML != "<b>Feeds</b>" {
		t.Fatalf("recorded: %+v", msgs)
	}
	byURL := tgbotapi.NewDocument(42, tgbotapi.FileURL("https://example.org/feeds.opml"))
	if _, err := bot.Send(byURL); err != nil {
		t.Fatal(err)
	}
	if m := srv.Messages("42"); len(m) != 2 || m[1].Document.URL != "https://example.org/feeds.opml" {
		t.Fatalf("recorded: %+v", m)
	}
}

func TestSendDocumentRejects(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	cases := map[string]struct {
		doc  tgbotapi.DocumentConfig
		want string
	}{
		"missing file": {tgbotapi.DocumentConfig{BaseFile: tgbotapi.BaseFile{BaseChat: tgbotapi.BaseChat{ChatID: 7},
			File: tgbotapi.FileID("")}}, "there is no document"},
		"empty file":   {tgbotapi.NewDocument(7, tgbotapi.FileBytes{Name: "x.opml"}), "file must be non-empty"},
		"bad file id":  {tgbotapi.NewDocument(7, tgbotapi.FileID("no-such-file")), "wrong file identifier"},
		"long caption": {captioned(strings.Repeat("x", 1025)), "caption is too long"},
		"bad caption":  {captioned("<b>x"), "Bad Request"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			// tgbotapi v5.5.1 leaves Code 0 on the errors of uploads.
			_, err := bot.Send(c.doc)
			if e := apiErr(t, err); (e.Code != 400 && e.Code != 0) || !strings.Contains(e.Message, c.want) {
				t.Fatalf("error %d %q, want 400 with %q", e.Code, e.Message, c.want)
			}
		})
	}
	if n := len(srv.Messages("7")); n != 0 {
		t.Fatalf("%d rejected documents recorded", n)
	}
	if n := len(srv.Rejections()); n != len(cases) {
		t.Fatalf("%d rejections recorded, want %d", n, len(cases))
	}
}

func captioned(caption string) tgbotapi.DocumentConfig {
	d := tgbotapi.NewDocument(7, tgbotapi.FileBytes{Name: "x.opml", Bytes: []byte("x")})
	d.Caption, d.ParseMode = caption, tgbotapi.ModeHTML
	return d
}
