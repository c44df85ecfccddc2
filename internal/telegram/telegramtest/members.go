package telegramtest

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Telegram's placeholder senders: the "from" of a message an anonymous group
// administrator sends on behalf of the group, and of a message a channel
// sends (to its linked discussion group).
const (
	GroupAnonymousBotID = 1087968824
	ChannelBotID        = 136817688
)

// SetMember sets a user's status in a chat ("creator", "administrator",
// "member", "restricted", "left", "kicked"), as getChatMember reports it.
// A user who wrote in a group is a member until set otherwise; a user the
// chat never saw has left.
func (f *Fake) SetMember(chatID, userID int64, status string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setMemberLocked(strconv.FormatInt(chatID, 10), userID, status)
}

func (f *Fake) setMemberLocked(chat string, userID int64, status string) {
	if f.members[chat] == nil {
		f.members[chat] = map[int64]string{}
	}
	f.members[chat][userID] = status
}

// FailCalls makes the next n calls of a Bot API method (e.g. "getChatMember")
// fail with the HTTP status code.
func (f *Fake) FailCalls(method string, n, code int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failMethod[method] = append(f.failMethod[method], code)
	}
}

// takeMethodFailure returns the status code a call of method must fail
// with, or 0.
func (f *Fake) takeMethodFailure(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	codes := f.failMethod[method]
	if len(codes) == 0 {
		return 0
	}
	f.failMethod[method] = codes[1:]
	return codes[0]
}

// getChatMember answers getChatMember (chat_id, user_id) with a ChatMember.
func (f *Fake) getChatMember(p params) (int, any) {
	chat := p["chat_id"]
	user, err := strconv.ParseInt(p["user_id"], 10, 64)
	if chat == "" || err != nil || user <= 0 {
		return 400, apiError(400, "Bad Request: PARTICIPANT_ID_INVALID", nil)
	}
	if code, body := f.chatAnswer(chat); code != 0 {
		return code, body
	}
	f.mu.Lock()
	status, known := f.members[chat][user]
	f.mu.Unlock()
	if !known {
		status = "left"
	}
	m := map[string]any{"status": status, "user": tgbotapi.User{ID: user, FirstName: "User" + strconv.FormatInt(user, 10)}}
	switch status {
	case "administrator":
		m["can_be_edited"], m["is_anonymous"] = false, false
	case "creator":
		m["is_anonymous"] = false
	}
	return ok(m)
}
