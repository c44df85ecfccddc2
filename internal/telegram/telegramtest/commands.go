package telegramtest

import (
	"encoding/json"
	"fmt"
	"regexp"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

var (
	commandName  = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	languageCode = regexp.MustCompile(`^([a-z]{2})?$`)
)

// scopeTypes are the BotCommandScope types of the Bot API.
var scopeTypes = map[string]bool{"default": true, "all_private_chats": true, "all_group_chats": true,
	"all_chat_administrators": true, "chat": true, "chat_administrators": true, "chat_member": true}

// commandKey names one command list: its scope (a BotCommandScope as JSON,
// "" for the default) and language_code ("" for users of every other language).
func commandKey(scope, lang string) string {
	key, _ := scopeKey(scope)
	return key + "|" + lang
}

func scopeKey(scope string) (string, bool) {
	if scope == "" {
		return "default", true
	}
	var s struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID int64           `json:"user_id"`
	}
	if err := json.Unmarshal([]byte(scope), &s); err != nil || !scopeTypes[s.Type] {
		return "", false
	}
	switch s.Type {
	case "chat", "chat_administrators":
		return fmt.Sprintf("%s:%s", s.Type, s.ChatID), len(s.ChatID) > 0
	case "chat_member":
		return fmt.Sprintf("%s:%s:%d", s.Type, s.ChatID, s.UserID), len(s.ChatID) > 0 && s.UserID != 0
	}
	return s.Type, true
}

// listKey validates the scope and language_code of a *MyCommands request.
func listKey(p params) (string, string) {
	key, ok := scopeKey(p["scope"])
	if !ok {
		return "", "Bad Request: can't parse BotCommandScope JSON object"
	}
	if !languageCode.MatchString(p["language_code"]) {
		return "", "Bad Request: invalid language code specified"
	}
	return key + "|" + p["language_code"], ""
}

// setCommands answers setMyCommands.
func (f *Fake) setCommands(p params) (int, any) {
	key, desc := listKey(p)
	if desc != "" {
		return 400, apiError(400, desc, nil)
	}
	var cmds []tgbotapi.BotCommand
	if err := json.Unmarshal([]byte(p["commands"]), &cmds); err != nil {
		return 400, apiError(400, "Bad Request: can't parse commands JSON object", nil)
	}
	if len(cmds) > 100 {
		return 400, apiError(400, "Bad Request: too many commands specified", nil)
	}
	seen := map[string]bool{}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) || seen[c.Command] {
			return 400, apiError(400, "Bad Request: BOT_COMMAND_INVALID", nil)
		}
		seen[c.Command] = true
		if n := UTF16Len(c.Description); n < 1 || n > 256 {
			return 400, apiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID", nil)
		}
	}
	f.mu.Lock()
	f.commands[key] = cmds
	f.mu.Unlock()
	return ok(true)
}

// getCommands answers getMyCommands: the list of exactly that scope and
// language, empty when none was set.
func (f *Fake) getCommands(p params) (int, any) {
	key, desc := listKey(p)
	if desc != "" {
		return 400, apiError(400, desc, nil)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return ok(append([]tgbotapi.BotCommand{}, f.commands[key]...))
}

// deleteCommands answers deleteMyCommands.
func (f *Fake) deleteCommands(p params) (int, any) {
	key, desc := listKey(p)
	if desc != "" {
		return 400, apiError(400, desc, nil)
	}
	f.mu.Lock()
	delete(f.commands, key)
	f.mu.Unlock()
	return ok(true)
}
