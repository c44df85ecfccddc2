// Package redact removes secrets from text that is about to be logged or
// stored: a known secret wherever it appears, and anything shaped like a
// Telegram bot token in a Bot API URL even when the token is not known
// (for rows written before tokens were scrubbed).
package redact

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
)

// Mask is what a removed secret is replaced with.
const Mask = "[redacted]"

// botPathRE matches the token part of a Bot API URL path: /bot<digits>:<secret>.
var botPathRE = regexp.MustCompile(`/bot[0-9]+:[A-Za-z0-9_-]+`)

// BotTokens replaces every /bot<digits>:<secret> in s by /bot[redacted].
func BotTokens(s string) string {
	if !strings.Contains(s, "/bot") {
		return s
	}
	return botPathRE.ReplaceAllLiteralString(s, "/bot"+Mask)
}

// String removes secret (as written, path- and query-escaped) and any bot
// token from s. An empty secret removes only the bot tokens.
func String(s, secret string) string {
	if secret != "" {
		for _, form := range []string{secret, url.PathEscape(secret), url.QueryEscape(secret)} {
			s = strings.ReplaceAll(s, form, Mask)
		}
	}
	return BotTokens(s)
}

// Error returns err with secret removed from its message. The result still
// matches the sentinels of the original chain with errors.Is (a deadline, a
// cancellation), but errors.As can no longer reach an error that holds the
// secret, such as the *url.Error naming the request URL.
func Error(err error, secret string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := String(msg, secret)
	if clean == msg {
		return err
	}
	return &scrubbed{msg: clean, cause: err}
}

// scrubbed is an error whose message had a secret removed.
type scrubbed struct {
	msg   string
	cause error
}

func (e *scrubbed) Error() string { return e.msg }

// Is lets errors.Is see the original chain (context.DeadlineExceeded,
// io.EOF …) without handing out the errors that hold the secret.
func (e *scrubbed) Is(target error) bool { return errors.Is(e.cause, target) }

// Timeout reports whether the original error was a timeout (net.Error).
func (e *scrubbed) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.cause, &t) && t.Timeout()
}
