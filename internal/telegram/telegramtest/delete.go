package telegramtest

import (
	"strconv"
	"time"
)

// deleteWindow is how old a message a bot may delete can be (Bot API:
// "a message can only be deleted if it was sent less than 48 hours ago").
const deleteWindow = 48 * time.Hour

// deleteMessage answers deleteMessage like the Bot API: true for a message
// of the chat the bot sent less than 48 hours ago; "message to delete not
// found" for an unknown (or already deleted) one; "message can't be
// deleted" for an older one.
func (f *Fake) deleteMessage(p params) (int, any) {
	id, err := strconv.Atoi(p["message_id"])
	if err != nil || p["chat_id"] == "" {
		return 400, apiError(400, "Bad Request: message identifier is not specified", nil)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.byID[id]
	if m == nil || m.Chat != p["chat_id"] || m.Deleted {
		return 400, apiError(400, "Bad Request: message to delete not found", nil)
	}
	if time.Since(m.At) >= deleteWindow {
		return 400, apiError(400, "Bad Request: message can't be deleted", nil)
	}
	m.Deleted = true
	return ok(true)
}
