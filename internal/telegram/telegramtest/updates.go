package telegramtest

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Incoming is a message a user writes to the bot.
type Incoming struct {
	ChatID       int64  `json:"chat_id"`
	ChatType     string `json:"chat_type"` // default: private for positive ids, group for negative
	ChatTitle    string `json:"chat_title"`
	UserID       int64  `json:"user_id"` // default ChatID
	FirstName    string `json:"first_name"`
	LanguageCode string `json:"language_code"`
	Text         string `json:"text"`
	// SenderChatID sends the message on behalf of a chat: the group itself
	// (an anonymous administrator; "from" is then @GroupAnonymousBot) or a
	// channel (its linked discussion group; "from" is @Channel_Bot).
	SenderChatID int64 `json:"sender_chat_id"`
}

// UserSays queues a message from a user to the bot and returns its update id.
func (f *Fake) UserSays(in Incoming) int {
	if in.UserID == 0 {
		in.UserID = in.ChatID
	}
	if in.ChatType == "" {
		in.ChatType = chatType(in.ChatID)
	}
	if in.FirstName == "" {
		in.FirstName = "User" + strconv.FormatInt(in.UserID, 10)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	msg := &tgbotapi.Message{
		MessageID: f.nextMessage, Date: int(time.Now().Unix()), Text: in.Text,
		From: &tgbotapi.User{ID: in.UserID, FirstName: in.FirstName, LanguageCode: in.LanguageCode},
		Chat: &tgbotapi.Chat{ID: in.ChatID, Type: in.ChatType, Title: in.ChatTitle},
	}
	f.nextMessage++
	switch {
	case in.SenderChatID == in.ChatID:
		msg.From = &tgbotapi.User{ID: GroupAnonymousBotID, IsBot: true, FirstName: "Group", UserName: "GroupAnonymousBot"}
		msg.SenderChat = &tgbotapi.Chat{ID: in.ChatID, Type: in.ChatType, Title: in.ChatTitle}
	case in.SenderChatID != 0:
		msg.From = &tgbotapi.User{ID: ChannelBotID, IsBot: true, FirstName: "Channel", UserName: "Channel_Bot"}
		msg.SenderChat = &tgbotapi.Chat{ID: in.SenderChatID, Type: "channel"}
	case in.ChatType != "private":
		chat := strconv.FormatInt(in.ChatID, 10)
		if _, known := f.members[chat][in.UserID]; !known {
			f.setMemberLocked(chat, in.UserID, "member") // who writes in a group is in it
		}
	}
	if strings.HasPrefix(in.Text, "/") {
		n := strings.IndexAny(in.Text, " \n")
		if n < 0 {
			n = len(in.Text)
		}
		msg.Entities = []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: UTF16Len(in.Text[:n])}}
	}
	return f.queue(tgbotapi.Update{Message: msg})
}

// UserPresses queues a tap on an inline button of the bot's message and
// returns the callback query id.
func (f *Fake) UserPresses(chatID, userID int64, messageID int, data string) string {
	return f.UserPressesIn("", chatID, userID, messageID, data)
}

// UserPressesIn is UserPresses by a user whose client speaks lang
// (language_code).
func (f *Fake) UserPressesIn(lang string, chatID, userID int64, messageID int, data string) string {
	if userID == 0 {
		userID = chatID
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id := "cb" + strconv.Itoa(f.nextUpdate)
	f.callbacks[id] = ""
	var msg *tgbotapi.Message
	if m := f.byID[messageID]; m != nil {
		cid, _ := strconv.ParseInt(m.Chat, 10, 64)
		msg = &tgbotapi.Message{MessageID: m.ID, Date: int(m.At.Unix()), Text: m.Text,
			Chat: &tgbotapi.Chat{ID: cid, Type: chatType(cid)}}
	}
	f.queue(tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID: id, From: &tgbotapi.User{ID: userID, FirstName: "User", LanguageCode: lang}, Message: msg,
		ChatInstance: strconv.FormatInt(chatID, 10), Data: data,
	}})
	return id
}

// UserBlocksBot blocks the bot in a private chat: later messages get 403,
// and the bot receives a my_chat_member update, as from Telegram.
func (f *Fake) UserBlocksBot(chatID int64) int {
	f.Block(strconv.FormatInt(chatID, 10))
	f.mu.Lock()
	defer f.mu.Unlock()
	user := tgbotapi.User{ID: chatID, FirstName: "User"}
	bot := tgbotapi.User{ID: 1, IsBot: true, UserName: f.opts.BotUsername}
	return f.queue(tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{
		Chat: tgbotapi.Chat{ID: chatID, Type: "private"}, From: user, Date: int(time.Now().Unix()),
		OldChatMember: tgbotapi.ChatMember{User: &bot, Status: "member"},
		NewChatMember: tgbotapi.ChatMember{User: &bot, Status: "kicked"},
	}})
}

// queue appends an update and wakes long-polling requests; lock held.
func (f *Fake) queue(u tgbotapi.Update) int {
	u.UpdateID = f.nextUpdate
	f.nextUpdate++
	f.updates = append(f.updates, u)
	close(f.newUpdate)
	f.newUpdate = make(chan struct{})
	return u.UpdateID
}

// getUpdates answers getUpdates: updates below offset are confirmed and
// forgotten; with none pending it waits up to timeout seconds.
func (f *Fake) getUpdates(r *http.Request, p params) (int, any) {
	offset, _ := strconv.Atoi(p["offset"])
	f.mu.Lock()
	f.offsets = append(f.offsets, offset)
	f.mu.Unlock()
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p["timeout"])
	deadline := time.Now().Add(time.Duration(timeout) * time.Second)
	for {
		f.mu.Lock()
		keep := f.updates[:0]
		for _, u := range f.updates {
			if u.UpdateID >= offset {
				keep = append(keep, u)
			}
		}
		f.updates = keep
		if len(keep) > 0 || !time.Now().Before(deadline) {
			out := append([]tgbotapi.Update{}, keep[:min(limit, len(keep))]...)
			f.mu.Unlock()
			return ok(out)
		}
		wake := f.newUpdate
		f.mu.Unlock()
		timer := time.NewTimer(time.Until(deadline))
		select {
		case <-wake:
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
			return ok([]tgbotapi.Update{})
		}
		timer.Stop()
	}
}

// Offsets returns the offsets of every getUpdates request, in order.
func (f *Fake) Offsets() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.offsets...)
}

// PendingUpdates is how many updates the bot has not confirmed yet.
func (f *Fake) PendingUpdates() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.updates)
}
