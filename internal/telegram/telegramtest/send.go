package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Rejection is a request the fake refused with 400 (bad HTML, too long, …).
type Rejection struct {
	Chat        string
	Method      string
	Description string
}

// send answers sendMessage, sendPhoto and sendDocument.
func (f *Fake) send(r *http.Request, method string, p params) (int, any) {
	chat := p["chat_id"]
	if chat == "" {
		return 400, apiError(400, "Bad Request: chat_id is empty", nil)
	}
	f.mu.Lock()
	f.attempts[chat]++
	f.attemptTimes[chat] = append(f.attemptTimes[chat], time.Now())
	f.mu.Unlock()
	if f.takeHang() {
		select {
		case <-r.Context().Done():
		case <-f.hangRelease:
		}
		f.mu.Lock()
		f.hanging--
		f.mu.Unlock()
		return 500, apiError(500, "Internal Server Error: request hung", nil)
	}
	if code := f.takeFailure(); code != 0 {
		return code, apiError(code, http.StatusText(code), nil)
	}
	if code, body := f.chatAnswer(chat); code != 0 {
		return code, body
	}
	raw, visible, desc := f.content(method, p)
	var doc *Document
	if method == "sendDocument" && desc == "" {
		d, ddesc := readDocument(r, p)
		doc, desc = &d, ddesc
	}
	if desc != "" {
		f.mu.Lock()
		f.rejectedTotal++
		f.rejections = append(f.rejections, Rejection{Chat: chat, Method: method, Description: desc})
		f.mu.Unlock()
		return rejectCode(desc), apiError(rejectCode(desc), desc, nil)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	// Stamped under the lock, so the windows see times in order; always
	// before the answer is written, so never after the client saw it.
	now := time.Now()
	if limit, wait := f.checkLimits(chat, isGroup(chat), now); limit != "" {
		f.violations = append(f.violations, Violation{Limit: limit, Chat: chat, At: now})
		secs := int((wait + time.Second - 1) / time.Second)
		return 429, apiError(429, "Too Many Requests: retry after "+strconv.Itoa(secs),
			map[string]any{"retry_after": secs})
	}
	m := &Message{ID: f.nextMessage, Chat: chat, Method: method, HTML: raw, Text: visible,
		Photo: p["photo"], ReplyMarkup: p["reply_markup"], Silent: p["disable_notification"] == "true", At: now, Document: doc}
	f.nextMessage++
	f.messages = append(f.messages, m)
	f.byID[m.ID] = m
	f.perChat[chat]++
	if f.perChat[chat] == 2 {
		f.dupChats++
	}
	return ok(f.wireMessage(m))
}

// content validates text or caption and returns it raw and as a user sees it,
// or Telegram's error description.
func (f *Fake) content(method string, p params) (raw, visible, desc string) {
	raw = p["text"]
	limit, tooLong := 4096, "Bad Request: message is too long"
	if method == "sendDocument" {
		raw, limit, tooLong = p["caption"], 1024, "Bad Request: message caption is too long"
	}
	if method == "sendPhoto" {
		raw, limit, tooLong = p["caption"], 1024, "Bad Request: message caption is too long"
		if p["photo"] == "" {
			return "", "", "Bad Request: there is no photo in the request"
		}
		f.mu.Lock()
		refuse := f.refusePhotos
		f.mu.Unlock()
		if refuse {
			return "", "", "Bad Request: wrong type of the web page content"
		}
	}
	visible = raw
	if strings.EqualFold(p["parse_mode"], "HTML") {
		var err error
		if visible, err = ParseHTML(raw); err != nil {
			return "", "", err.Error()
		}
	}
	if method == "sendMessage" && strings.TrimSpace(visible) == "" {
		return "", "", "Bad Request: message text is empty"
	}
	if UTF16Len(visible) > limit {
		return "", "", tooLong
	}
	if d := checkMarkup(p["reply_markup"]); d != "" {
		return "", "", d
	}
	return raw, visible, ""
}

// checkMarkup validates an inline keyboard like Telegram does.
func checkMarkup(markup string) string {
	if markup == "" {
		return ""
	}
	var m tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(markup), &m); err != nil {
		return "Bad Request: can't parse reply keyboard markup JSON object"
	}
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return "Bad Request: text buttons are unallowed in the inline keyboard"
			}
			if b.CallbackData != nil && (len(*b.CallbackData) == 0 || len(*b.CallbackData) > 64) {
				return "Bad Request: BUTTON_DATA_INVALID"
			}
		}
	}
	return ""
}

// chatAnswer returns the error a blocked, vanished or migrated chat causes.
func (f *Fake) chatAnswer(chat string) (int, any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.chats[chat]
	switch {
	case st == nil:
		return 0, nil
	case st.blocked:
		return 403, apiError(403, "Forbidden: bot was blocked by the user", nil)
	case st.deactivated:
		return 403, apiError(403, "Forbidden: user is deactivated", nil)
	case st.notFound:
		return 400, apiError(400, "Bad Request: chat not found", nil)
	case st.migrateTo != 0:
		return 400, apiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
			map[string]any{"migrate_to_chat_id": st.migrateTo})
	}
	return 0, nil
}

func (f *Fake) takeHang() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hangNext > 0 {
		f.hangNext--
		f.hanging++
		return true
	}
	return false
}

func (f *Fake) takeFailure() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.failNext) == 0 {
		return 0
	}
	code := f.failNext[0]
	f.failNext = f.failNext[1:]
	return code
}

// rejectCode is the HTTP status Telegram answers a rejected request with.
func rejectCode(desc string) int {
	if desc == "Request Entity Too Large" {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// wireMessage is the Bot API's Message object for a recorded message.
func (f *Fake) wireMessage(m *Message) map[string]any {
	out := map[string]any{"message_id": m.ID, "date": m.At.Unix(), "chat": wireChat(m.Chat)}
	switch {
	case m.Method == "sendDocument":
		out["caption"] = m.Text
		out["document"] = map[string]any{"file_id": "doc" + strconv.Itoa(m.ID), "file_unique_id": "d" + strconv.Itoa(m.ID),
			"file_name": m.Document.FileName, "mime_type": m.Document.MIME, "file_size": len(m.Document.Data)}
	case m.Method == "sendPhoto":
		out["caption"] = m.Text
		out["photo"] = []map[string]any{{"file_id": "photo" + strconv.Itoa(m.ID), "file_unique_id": "u" + strconv.Itoa(m.ID), "width": 800, "height": 600}}
	default:
		out["text"] = m.Text
	}
	if m.ReplyMarkup != "" {
		out["reply_markup"] = json.RawMessage(m.ReplyMarkup)
	}
	return out
}

func wireChat(chat string) map[string]any {
	if name, isChannel := strings.CutPrefix(chat, "@"); isChannel {
		return map[string]any{"id": -1000000000000 - int64(len(name)), "type": "channel", "username": name}
	}
	id, _ := strconv.ParseInt(chat, 10, 64)
	return map[string]any{"id": id, "type": chatType(id)}
}

func chatType(id int64) string {
	switch {
	case id > 0:
		return "private"
	case id < -1000000000000:
		return "supergroup"
	default:
		return "group"
	}
}

func isGroup(chat string) bool {
	id, err := strconv.ParseInt(chat, 10, 64)
	return err == nil && id < 0
}

// edit answers editMessageText and editMessageReplyMarkup.
func (f *Fake) edit(method string, p params) (int, any) {
	id, _ := strconv.Atoi(p["message_id"])
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.byID[id]
	if m == nil || m.Chat != p["chat_id"] {
		return 400, apiError(400, "Bad Request: message to edit not found", nil)
	}
	text, visible := m.HTML, m.Text
	if strings.EqualFold(method, "editMessageText") {
		text, visible = p["text"], p["text"]
		if strings.EqualFold(p["parse_mode"], "HTML") {
			var err error
			if visible, err = ParseHTML(text); err != nil {
				return 400, apiError(400, err.Error(), nil)
			}
		}
		if UTF16Len(visible) > 4096 {
			return 400, apiError(400, "Bad Request: message is too long", nil)
		}
	}
	if d := checkMarkup(p["reply_markup"]); d != "" {
		return 400, apiError(400, d, nil)
	}
	if text == m.HTML && p["reply_markup"] == m.ReplyMarkup {
		return 400, apiError(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", nil)
	}
	m.HTML, m.Text, m.ReplyMarkup = text, visible, p["reply_markup"]
	m.Edits++
	return ok(f.wireMessage(m))
}

// answerCallback answers answerCallbackQuery; each query is answered once.
func (f *Fake) answerCallback(p params) (int, any) {
	id := p["callback_query_id"]
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, known := f.callbacks[id]; !known || f.answered[id] {
		return 400, apiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid", nil)
	}
	f.answered[id] = true
	f.callbacks[id] = p["text"]
	return ok(true)
}
