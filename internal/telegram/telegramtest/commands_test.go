package telegramtest_test

import (
	"slices"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

func TestSetMyCommandsPerLanguage(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	set := func(lang string, cmds ...tgbotapi.BotCommand) error {
		c := tgbotapi.NewSetMyCommands(cmds...)
		c.LanguageCode = lang
		_, err := bot.Request(c)
		return err
	}
	if err := set("", tgbotapi.BotCommand{Command: "help", Description: "Hilfe"}); err != nil {
		t.Fatal(err)
	}
	if err := set("fr", tgbotapi.BotCommand{Command: "help", Description: "Aide"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.CommandsFor("fr"); len(got) != 1 || got[0].Description != "Aide" {
		t.Errorf("fr: %v", got)
	}
	if got := srv.Commands(); len(got) != 1 || got[0].Description != "Hilfe" {
		t.Errorf("default: %v", got)
	}
	if got := srv.CommandLanguages(); !slices.Equal(got, []string{"", "fr"}) {
		t.Errorf("languages %v", got)
	}
	got, err := bot.GetMyCommandsWithConfig(tgbotapi.GetMyCommandsConfig{LanguageCode: "fr"})
	if err != nil || len(got) != 1 || got[0].Command != "help" {
		t.Errorf("getMyCommands fr: %v %v", got, err)
	}
	// Another scope is another list.
	group := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeAllGroupChats(), "fr",
		tgbotapi.BotCommand{Command: "list", Description: "Liste"})
	if _, err := bot.Request(group); err != nil {
		t.Fatal(err)
	}
	if got := srv.CommandsFor("fr"); len(got) != 1 || got[0].Command != "help" {
		t.Errorf("a scoped list replaced the default one: %v", got)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), "fr")); err != nil {
		t.Fatal(err)
	}
	if got := srv.CommandsFor("fr"); len(got) != 0 {
		t.Errorf("after deleteMyCommands: %v", got)
	}
	bad := map[string]error{
		"language":    set("french", tgbotapi.BotCommand{Command: "help", Description: "Aide"}),
		"name":        set("de", tgbotapi.BotCommand{Command: "Help", Description: "Hilfe"}),
		"twice":       set("de", tgbotapi.BotCommand{Command: "a", Description: "x"}, tgbotapi.BotCommand{Command: "a", Description: "y"}),
		"description": set("de", tgbotapi.BotCommand{Command: "help", Description: strings.Repeat("x", 257)}),
	}
	for name, err := range bad {
		if e := apiErr(t, err); e.Code != 400 {
			t.Errorf("%s: %v", name, e)
		}
	}
}
