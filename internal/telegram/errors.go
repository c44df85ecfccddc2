package telegram

import (
	"errors"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// failure is what a failed request means for the sender.
type failure int

const (
	transient     failure = iota // 5xx, timeouts, network: retry with backoff
	rateLimited                  // 429: wait retry_after
	migrated                     // the group became a supergroup: resend to the new id
	gone                         // blocked, deactivated, chat not found: deactivate the chat
	badPhoto                     // the photo was refused: send text instead
	permanent                    // any other 4xx: the message cannot be sent
	misconfigured                // 401, 404: a wrong token or endpoint; keep the message for later
)

// reason names a failure for metrics.
func (f failure) String() string {
	return [...]string{"transient", "rate_limited", "migrated", "gone", "bad_photo", "permanent", "misconfigured"}[f]
}

// classify reads an error of the Bot API client.
func classify(err error) (f failure, retryAfter time.Duration, migrateTo int64) {
	var apiErr *tgbotapi.Error
	if !errors.As(err, &apiErr) {
		return transient, 0, 0
	}
	msg := strings.ToLower(apiErr.Message)
	switch {
	case apiErr.Code == 429 || apiErr.RetryAfter > 0:
		return rateLimited, time.Duration(max(apiErr.RetryAfter, 1)) * time.Second, 0
	case apiErr.MigrateToChatID != 0:
		return migrated, 0, apiErr.MigrateToChatID
	case apiErr.Code == 401 || apiErr.Code == 404:
		return misconfigured, 0, 0
	case apiErr.Code == 403, strings.Contains(msg, "chat not found"), strings.Contains(msg, "user is deactivated"):
		return gone, 0, 0
	case apiErr.Code >= 500, apiErr.Code == 0:
		return transient, 0, 0
	case strings.Contains(msg, "photo") || strings.Contains(msg, "http url") ||
		strings.Contains(msg, "file identifier") || strings.Contains(msg, "web page content"):
		return badPhoto, 0, 0
	}
	return permanent, 0, 0
}
