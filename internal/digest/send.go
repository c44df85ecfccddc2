package digest

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// open is an issue being sent in this batch.
type open struct {
	issue store.DigestIssue
	r     Recipient
	sends map[string]string // address → sent | failed, as recorded
	temp  bool              // a message of it failed temporarily
	msgID string
}

// SendSlot sends the recipients' issues for one slot, all messages on one
// SMTP connection. Each issue holds the recipient's pending ledger rows,
// fixed when the issue is first opened. Addresses already answered are not
// sent again. A temporary failure returns an error so that the job is retried
// (with the same content); permanent failures are recorded and not retried.
func (s *Service) SendSlot(ctx context.Context, keys []string, slot time.Time) error {
	rs, err := s.recipients(ctx, keys)
	if err != nil {
		return err
	}
	var issues []*open
	var msgs []mailer.Message
	var owner []*open
	// One transaction opens every issue of the batch (SQLite commits are the
	// expensive part); rendering happens inside, sending outside.
	err = s.Store.InTx(ctx, func(tx *store.Store) error {
		for _, r := range rs {
			o, m, err := s.prepare(ctx, tx, r, slot)
			if err != nil {
				return err
			}
			if o == nil {
				continue
			}
			issues = append(issues, o)
			msgs = append(msgs, m...)
			for range m {
				owner = append(owner, o)
			}
		}
		return nil
	})
	if err != nil || len(msgs) == 0 {
		return err
	}
	var temp error
	results := s.Mailer.Send(ctx, msgs)
	err = s.Store.InTx(ctx, func(tx *store.Store) error {
		for i, res := range results {
			o, m := owner[i], msgs[i]
			countResult("digest", res.Err, res.Temporary)
			switch {
			case res.Err == nil:
				o.sends[m.To] = "sent"
				err = tx.RecordDigestSend(ctx, o.issue.ID, m.To, "sent", "")
			case res.Temporary:
				o.temp, temp = true, res.Err
				s.Log.Warn("Digest delayed by a temporary SMTP failure", slog.String("recipient", o.r.Key),
					slog.Time("slot", slot), slog.Any("error", res.Err))
				err = tx.DigestIssueAttemptFailed(ctx, o.issue.ID, res.Err.Error())
			default:
				o.sends[m.To] = "failed"
				s.Log.Error("Digest rejected by the SMTP server", slog.String("recipient", o.r.Key),
					slog.Time("slot", slot), slog.Any("error", res.Err))
				err = tx.RecordDigestSend(ctx, o.issue.ID, m.To, "failed", res.Err.Error())
			}
			if err != nil {
				return err
			}
			if o.msgID == "" {
				o.msgID = m.MessageID
			}
		}
		for _, o := range issues {
			if !o.temp {
				if err := s.finish(ctx, tx, o); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if temp != nil {
		return fmt.Errorf("digest: temporary failure, retrying later: %w", temp)
	}
	return nil
}

// prepare opens r's issue for slot and renders what is left to send. It
// returns a nil issue when nothing is left (done, empty or all paused).
func (s *Service) prepare(ctx context.Context, tx *store.Store, r Recipient, slot time.Time) (*open, []mailer.Message, error) {
	if r.Configured() {
		if _, err := tx.SeedEmailRecipient(ctx, r.Key, r.Partners, s.Now().Add(-s.Cfg.Notify.MaxAge)); err != nil {
			return nil, nil, err
		}
	}
	iss, err := tx.OpenDigestIssue(ctx, r.Key, slot)
	if err != nil || iss.Done() {
		return nil, nil, err
	}
	arts, err := tx.IssueArticles(ctx, iss.ID)
	if err != nil {
		return nil, nil, err
	}
	o := &open{issue: iss, r: r}
	if len(arts) == 0 && r.SkipEmpty {
		return nil, nil, s.close(ctx, tx, iss.ID, store.IssueEmpty, "")
	}
	if o.sends, err = tx.DigestSends(ctx, iss.ID); err != nil {
		return nil, nil, err
	}
	paused := map[string]bool{}
	if r.Configured() {
		if paused, err = tx.DigestPaused(ctx, r.Digest); err != nil {
			return nil, nil, err
		}
	}
	var msgs []mailer.Message
	for _, addr := range r.To {
		if o.sends[addr] != "" || paused[addr] {
			continue
		}
		m, err := s.Render(r, slot, arts, addr)
		if err != nil {
			return nil, nil, err
		}
		msgs = append(msgs, m)
	}
	if len(msgs) == 0 {
		return nil, nil, s.finish(ctx, tx, o)
	}
	return o, msgs, nil
}

// finish closes an issue whose addresses are all answered or paused.
func (s *Service) finish(ctx context.Context, tx *store.Store, o *open) error {
	status := store.IssuePaused
	for _, st := range o.sends {
		if st == "sent" {
			status = store.IssueSent
			break
		}
		status = store.IssueFailed
	}
	return s.close(ctx, tx, o.issue.ID, status, o.msgID)
}

func (s *Service) close(ctx context.Context, tx *store.Store, issueID int64, status, msgID string) error {
	issuesTotal.WithLabelValues(status).Inc()
	return tx.FinishDigestIssue(ctx, issueID, status, msgID)
}
