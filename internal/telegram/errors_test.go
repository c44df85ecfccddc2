package telegram

import (
	"context"
	"errors"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		err   error
		want  failure
		after time.Duration
		to    int64
	}{
		{&tgbotapi.Error{Code: 429, Message: "Too Many Requests: retry after 7", ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: 7}}, rateLimited, 7 * time.Second, 0},
		{&tgbotapi.Error{Code: 400, Message: "Bad Request: group chat was upgraded to a supergroup chat", ResponseParameters: tgbotapi.ResponseParameters{MigrateToChatID: -100123}}, migrated, 0, -100123},
		{&tgbotapi.Error{Code: 403, Message: "Forbidden: bot was blocked by the user"}, gone, 0, 0},
		{&tgbotapi.Error{Code: 403, Message: "Forbidden: user is deactivated"}, gone, 0, 0},
		{&tgbotapi.Error{Code: 400, Message: "Bad Request: chat not found"}, gone, 0, 0},
		{&tgbotapi.Error{Code: 502, Message: "Bad Gateway"}, transient, 0, 0},
		{&tgbotapi.Error{Code: 401, Message: "Unauthorized"}, misconfigured, 0, 0},
		{&tgbotapi.Error{Code: 400, Message: "Bad Request: wrong file identifier/HTTP URL specified"}, badPhoto, 0, 0},
		{&tgbotapi.Error{Code: 400, Message: "Bad Request: can't parse entities: x"}, permanent, 0, 0},
		{context.DeadlineExceeded, transient, 0, 0},
		{errors.New("connection refused"), transient, 0, 0},
	} {
		f, after, to := classify(c.err)
		if f != c.want || after != c.after || to != c.to {
			t.Errorf("classify(%v) = %s %s %d, want %s %s %d", c.err, f, after, to, c.want, c.after, c.to)
		}
	}
}
