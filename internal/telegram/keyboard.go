package telegram

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Callback data prefixes of the inline keyboards.
const (
	toggleData   = "f:" // + partner slug: follow or unfollow
	languageData = "l:" // + language code
)

// partnersKeyboard has one button per partner, two per row; followed ones are ticked.
func (b *Bot) partnersKeyboard(lang string, follows []string) tgbotapi.InlineKeyboardMarkup {
	followed := map[string]bool{}
	for _, f := range follows {
		followed[f] = true
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	var row []tgbotapi.InlineKeyboardButton
	for _, p := range b.cfg.Partners {
		label := p.Name(lang)
		if followed[p.Slug] {
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, toggleData+p.Slug))
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

// languageKeyboard offers the languages the bot speaks.
func languageKeyboard(current string) tgbotapi.InlineKeyboardMarkup {
	var row []tgbotapi.InlineKeyboardButton
	for _, l := range Languages {
		label := languageNames[l]
		if l == current {
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, languageData+l))
	}
	return tgbotapi.NewInlineKeyboardMarkup(row[:3], row[3:])
}
