// Package mail sends partnerfeed's messages over SMTP with go-mail: one
// connection per batch, a result per message, and each failure classified as
// temporary (retry later) or permanent.
package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/partnerfeed/partnerfeed/config"
)

// Message is one rendered mail, ready to send.
type Message struct {
	From      string // "Name <addr>"
	To        string // one address
	Subject   string
	Text      string // text/plain part
	HTML      string // text/html part
	MessageID string // without angle brackets
	Date      time.Time
	Language  string
	// Headers are extra headers (List-Unsubscribe, …).
	Headers map[string]string
}

// Result is what became of one message of a batch.
type Result struct {
	Err error // nil: accepted by the server
	// Temporary: a 4xx answer or no answer at all (connection refused, dropped);
	// the message may be sent again later. Otherwise the failure is permanent (5xx).
	Temporary bool
	// Bounce: a permanent failure answering the recipient (RCPT TO) or the
	// message (DATA), which is a hard bounce of the address; a 5xx to MAIL
	// FROM or to the login is the sender's problem, not the address's.
	Bounce bool
}

// Sender sends batches of messages through the configured SMTP server.
type Sender struct {
	client *gomail.Client
}

// New builds a sender from smtp: tls is starttls (mandatory STARTTLS), tls
// (implicit TLS) or none (plain, for local test servers such as mailpit).
func New(smtp config.SMTP) (*Sender, error) {
	opts := []gomail.Option{gomail.WithPort(smtp.Port), gomail.WithTimeout(30 * time.Second), gomail.WithoutNoop()}
	switch smtp.TLS {
	case "starttls", "":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("mail: smtp.tls %q: want starttls, tls or none", smtp.TLS)
	}
	if smtp.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(smtp.Username), gomail.WithPassword(smtp.Password.Value()))
	}
	c, err := gomail.NewClient(smtp.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: client: %w", err)
	}
	return &Sender{client: c}, nil
}

// Send sends the messages on one connection and returns one result per
// message. A connection lost in the middle of a batch is dialled again once
// for the messages that had not been answered.
func (s *Sender) Send(ctx context.Context, msgs []Message) []Result {
	results := make([]Result, len(msgs))
	built := make([]*gomail.Msg, 0, len(msgs))
	index := make([]int, 0, len(msgs))
	for i, m := range msgs {
		gm, err := Build(m)
		if err != nil {
			results[i] = Result{Err: err}
			continue
		}
		built, index = append(built, gm), append(index, i)
	}
	for try := 0; len(built) > 0 && try < 2; try++ {
		var again []*gomail.Msg
		var againIdx []int
		err := s.sendBatch(ctx, built)
		for j, gm := range built {
			i := index[j]
			switch {
			case err != nil && !gm.IsDelivered() && !gm.HasSendError():
				results[i] = Result{Err: err, Temporary: true} // no connection at all
			case gm.IsDelivered():
				results[i] = Result{}
			default:
				res := classify(gm.SendError())
				results[i] = res
				if res.Temporary && smtpCode(gm.SendError()) == 0 {
					again, againIdx = append(again, gm), append(againIdx, i)
				}
			}
		}
		built, index = again, againIdx
	}
	return results
}

// sendBatch dials once and sends every message on that connection; per-message
// errors are kept on the messages. The error is the dial error, if any.
func (s *Sender) sendBatch(ctx context.Context, msgs []*gomail.Msg) error {
	conn, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("mail: dial: %w", err)
	}
	defer s.client.CloseWithSMTPClient(conn)
	_ = s.client.SendWithSMTPClient(conn, msgs...) // results are on each message
	return nil
}

// classify turns a go-mail send error into a Result: only a 5xx answer is permanent.
func classify(err error) Result {
	if err == nil {
		return Result{}
	}
	code := smtpCode(err)
	res := Result{Err: fmt.Errorf("mail: %w", err), Temporary: code < 500}
	var se *gomail.SendError
	if !res.Temporary && errors.As(err, &se) {
		res.Bounce = se.Reason == gomail.ErrSMTPRcptTo || se.Reason == gomail.ErrSMTPData || se.Reason == gomail.ErrSMTPDataClose
	}
	return res
}

// smtpCode is the SMTP reply code of a send error; 0 when the server did not
// answer (connection refused or lost).
func smtpCode(err error) int {
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.ErrorCode()
	}
	return 0
}
