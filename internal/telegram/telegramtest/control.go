package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Block makes a chat answer 403 "bot was blocked by the user".
func (f *Fake) Block(chat string) { f.setChat(chat, chatState{blocked: true}) }

// Deactivate makes a chat answer 403 "user is deactivated".
func (f *Fake) Deactivate(chat string) { f.setChat(chat, chatState{deactivated: true}) }

// Vanish makes a chat answer 400 "chat not found".
func (f *Fake) Vanish(chat string) { f.setChat(chat, chatState{notFound: true}) }

// Migrate makes a group answer 400 with migrate_to_chat_id.
func (f *Fake) Migrate(chat string, to int64) { f.setChat(chat, chatState{migrateTo: to}) }

func (f *Fake) setChat(chat string, st chatState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.chats[chat] = &st
}

// RefusePhotos makes every sendPhoto fail as when Telegram cannot fetch the URL.
func (f *Fake) RefusePhotos() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refusePhotos = true
}

// FailSends makes the next n send requests fail with the HTTP status code (500, 502…).
func (f *Fake) FailSends(n, code int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failNext = append(f.failNext, code)
	}
}

// HangSends makes the next n send requests hang until the client gives up.
func (f *Fake) HangSends(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hangNext += n
}

// Hanging returns how many send requests hang now (HangSends): they end
// when the client gives up or on ReleaseHangs.
func (f *Fake) Hanging() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hanging
}

// ReleaseHangs ends every hanging request.
func (f *Fake) ReleaseHangs() {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.hangRelease:
	default:
		close(f.hangRelease)
	}
}

// Messages returns the messages sent to a chat ("" = every chat), oldest first.
func (f *Fake) Messages(chat string) []Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Message
	for _, m := range f.messages {
		if chat == "" || m.Chat == chat {
			out = append(out, *m)
		}
	}
	return out
}

// Violations returns the requests answered with 429.
func (f *Fake) Violations() []Violation {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Violation(nil), f.violations...)
}

// Rejections returns the requests refused with 400 for their content.
func (f *Fake) Rejections() []Rejection {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Rejection(nil), f.rejections...)
}

// CallbackAnswer returns the answer to a callback query and whether it was answered.
func (f *Fake) CallbackAnswer(id string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.callbacks[id], f.answered[id]
}

// Commands returns what setMyCommands set.
func (f *Fake) Commands() []tgbotapi.BotCommand { return f.CommandsFor("") }

// CommandsFor returns the command list set for users with language_code
// lang ("" for everyone else), in the default scope.
func (f *Fake) CommandsFor(lang string) []tgbotapi.BotCommand {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tgbotapi.BotCommand(nil), f.commands[commandKey("", lang)]...)
}

// CommandLanguages returns the language codes with a command list in the
// default scope ("" for the list of everyone else), sorted.
func (f *Fake) CommandLanguages() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for k := range f.commands {
		if lang, ok := strings.CutPrefix(k, "default|"); ok {
			out = append(out, lang)
		}
	}
	slices.Sort(out)
	return out
}

// Webhook returns what setWebhook set: the URL and the secret token.
func (f *Fake) Webhook() (url, secretToken string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.webhook, f.webhookToken
}

// Calls returns how often a method was called.
func (f *Fake) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// Attempts returns how many send requests reached a chat, refused ones included.
func (f *Fake) Attempts(chat string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts[chat]
}

// AttemptTimes returns when each send request to chat arrived (failed ones
// included), in order.
func (f *Fake) AttemptTimes(chat string) []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.attemptTimes[chat]...)
}

// Stats summarizes what the fake saw, for process-level tests and benchmarks.
type Stats struct {
	Messages       int            `json:"messages"`
	Chats          int            `json:"chats"`
	DuplicateChats int            `json:"duplicate_chats"` // chats with more than one message
	Duplicates     int            `json:"duplicates"`      // messages beyond the first per chat
	Violations     int            `json:"violations"`
	Rejections     int            `json:"rejections"`
	FirstAt        time.Time      `json:"first_at"`
	LastAt         time.Time      `json:"last_at"`
	Calls          map[string]int `json:"calls"`
}

// Stats returns the summary.
func (f *Fake) Stats() Stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := Stats{Messages: len(f.messages), Violations: len(f.violations), Rejections: len(f.rejections),
		Chats: len(f.perChat), DuplicateChats: f.dupChats, Duplicates: len(f.messages) - len(f.perChat),
		Calls: map[string]int{}}
	if len(f.messages) > 0 {
		s.FirstAt, s.LastAt = f.messages[0].At, f.messages[len(f.messages)-1].At
	}
	for k, v := range f.calls {
		s.Calls[k] = v
	}
	return s
}

// serveControl is the HTTP control API for a fake running as a process:
//
//	GET  /fake/stats                      Stats as JSON
//	GET  /fake/messages?chat=ID           messages as JSON
//	GET  /fake/violations                 violations as JSON
//	POST /fake/message   {Incoming}       a user writes; answers {"update_id":N}
//	POST /fake/press     {"chat_id","user_id","message_id","data"}
//	POST /fake/chat      {"chat":"ID","state":"blocked|deactivated|not_found|migrated","migrate_to":N}
//	POST /fake/fail      {"count":N,"code":500}
//	POST /fake/hang      {"count":N}
//	POST /fake/member    {"chat_id","user_id","state"}   state: a getChatMember status
func (f *Fake) serveControl(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Incoming
		Chat      string `json:"chat"`
		State     string `json:"state"`
		MigrateTo int64  `json:"migrate_to"`
		Count     int    `json:"count"`
		Code      int    `json:"code"`
		MessageID int    `json:"message_id"`
		Data      string `json:"data"`
	}
	if r.Method == http.MethodPost {
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
	switch r.Method + " " + r.URL.Path {
	case "GET /fake/stats":
		writeJSON(w, 200, f.Stats())
	case "GET /fake/messages":
		writeJSON(w, 200, f.Messages(r.URL.Query().Get("chat")))
	case "GET /fake/violations":
		writeJSON(w, 200, f.Violations())
	case "POST /fake/message":
		writeJSON(w, 200, map[string]int{"update_id": f.UserSays(req.Incoming)})
	case "POST /fake/press":
		writeJSON(w, 200, map[string]string{"callback_id": f.UserPresses(req.ChatID, req.UserID, req.MessageID, req.Data)})
	case "POST /fake/chat":
		switch req.State {
		case "blocked":
			f.Block(req.Chat)
		case "deactivated":
			f.Deactivate(req.Chat)
		case "not_found":
			f.Vanish(req.Chat)
		case "migrated":
			f.Migrate(req.Chat, req.MigrateTo)
		default:
			http.Error(w, "unknown state "+strconv.Quote(req.State), http.StatusBadRequest)
			return
		}
		writeJSON(w, 200, map[string]bool{"ok": true})
	case "POST /fake/fail":
		f.FailSends(req.Count, req.Code)
		writeJSON(w, 200, map[string]bool{"ok": true})
	case "POST /fake/member":
		f.SetMember(req.ChatID, req.UserID, req.State)
		writeJSON(w, 200, map[string]bool{"ok": true})
	case "POST /fake/hang":
		f.HangSends(req.Count)
		writeJSON(w, 200, map[string]bool{"ok": true})
	default:
		http.NotFound(w, r)
	}
}
