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
	temp  error             // a message of it failed temporarily
}

// status is the final status of an issue whose addresses are all answered or paused.
func (o *open) status() string {
	status := store.IssuePaused
	for _, st := range o.sends {
		if st == "sent" {
			return store.IssueSent
		}
		status = store.IssueFailed
	}
	return status
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
	var msgs []mailer.Message
	var owner []*open
	// One transaction opens every issue of the batch with a few queries;
	// rendering happens inside, sending outside.
	err = s.Store.InTx(ctx, func(tx *store.Store) error {
		msgs, owner, err = s.prepare(ctx, tx, rs, slot)
		return err
	})
	if err != nil || len(msgs) == 0 {
		return err
	}
	results := s.Mailer.Send(ctx, msgs)
	var temp error
	delayed := 0 // issues held back by a temporary failure
	var sends []store.DigestSend
	var bounced []int64 // subscribers whose address got a permanent failure
	for i, res := range results {
		o, m := owner[i], msgs[i]
		countResult("digest", res.Err, res.Temporary)
		switch {
		case res.Err == nil:
			o.sends[m.To] = "sent"
			sends = append(sends, store.DigestSend{IssueID: o.issue.ID, Address: m.To, Status: "sent", MessageID: m.MessageID})
		case res.Temporary:
			if o.temp == nil {
				delayed++
			}
			o.temp, temp = res.Err, res.Err
			s.Log.Debug("Digest mail delayed by a temporary SMTP failure", slog.String("recipient", o.r.Key),
				slog.Time("slot", slot), slog.Any("error", res.Err))
		default:
			o.sends[m.To] = "failed"
			sends = append(sends, store.DigestSend{IssueID: o.issue.ID, Address: m.To, Status: "failed", Error: res.Err.Error()})
			if o.r.Subscriber != 0 && res.Bounce {
				bounced = append(bounced, o.r.Subscriber)
			}
			s.Log.Error("Digest rejected by the SMTP server", slog.String("recipient", o.r.Key),
				slog.Time("slot", slot), slog.Any("error", res.Err))
		}
	}
	err = s.Store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.RecordDigestSends(ctx, sends); err != nil {
			return err
		}
		for _, id := range bounced {
			if err := s.bounce(ctx, tx, id); err != nil {
				return err
			}
		}
		done := map[string][]int64{}
		seen := map[*open]bool{}
		for _, o := range owner {
			if seen[o] {
				continue
			}
			seen[o] = true
			if o.temp != nil {
				if err := tx.DigestIssueAttemptFailed(ctx, o.issue.ID, o.temp.Error()); err != nil {
					return err
				}
				continue
			}
			done[o.status()] = append(done[o.status()], o.issue.ID)
		}
		return s.close(ctx, tx, done)
	})
	if err != nil {
		return err
	}
	if temp != nil {
		// One ERROR line per batch, whatever its size: the SMTP server
		// failing delays digests (River's retry line is only INFO).
		s.Log.Error("Digest delayed: the SMTP server failed; retrying later", slog.Int("issues", delayed),
			slog.Time("slot", slot), slog.Any("error", temp))
		return fmt.Errorf("digest: temporary failure, retrying later: %w", temp)
	}
	return nil
}

// prepare opens the issues of rs for slot and renders what is left to send:
// the messages, and for each the issue it belongs to. Issues with nothing left
// (empty, or all addresses answered or paused) are closed here.
func (s *Service) prepare(ctx context.Context, tx *store.Store, rs []Recipient, slot time.Time) ([]mailer.Message, []*open, error) {
	var keys []string
	var mine []Recipient
	for _, r := range rs {
		if r.Configured() {
			if _, err := tx.SeedEmailRecipient(ctx, r.Key, r.Partners, s.Now(), s.welcome()); err != nil {
				return nil, nil, err
			}
			var err error
			if r.Since, err = tx.EmailRecipientSeenAt(ctx, r.Key); err != nil {
				return nil, nil, err
			}
		}
		// A slot from before the recipient existed (a catch-up at start) is not its slot.
		if !slot.Before(r.Since) {
			keys, mine = append(keys, r.Key), append(mine, r)
		}
	}
	rs = mine
	issues, err := tx.OpenDigestIssues(ctx, keys, slot)
	if err != nil {
		return nil, nil, err
	}
	var ids []int64
	for _, iss := range issues {
		if !iss.Done() {
			ids = append(ids, iss.ID)
		}
	}
	arts, err := tx.IssuesArticles(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	sends, err := tx.DigestSends(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	var msgs []mailer.Message
	var owner []*open
	done := map[string][]int64{}
	for _, r := range rs {
		iss := issues[r.Key]
		if iss.ID == 0 || iss.Done() {
			continue
		}
		if len(arts[iss.ID]) == 0 && r.SkipEmpty {
			done[store.IssueEmpty] = append(done[store.IssueEmpty], iss.ID)
			continue
		}
		o := &open{issue: iss, r: r, sends: sends[iss.ID]}
		if o.sends == nil {
			o.sends = map[string]string{}
		}
		paused := map[string]bool{}
		if r.Configured() {
			if paused, err = tx.DigestPaused(ctx, r.Digest); err != nil {
				return nil, nil, err
			}
		}
		n := len(msgs)
		for _, addr := range r.To {
			if o.sends[addr] != "" || paused[addr] {
				continue
			}
			m, err := s.Render(r, slot, arts[iss.ID], addr)
			if err != nil {
				return nil, nil, err
			}
			msgs, owner = append(msgs, m), append(owner, o)
		}
		if len(msgs) == n {
			done[o.status()] = append(done[o.status()], iss.ID)
		}
	}
	return msgs, owner, s.close(ctx, tx, done)
}

// close finishes issues grouped by final status.
func (s *Service) close(ctx context.Context, tx *store.Store, byStatus map[string][]int64) error {
	for status, ids := range byStatus {
		if err := tx.FinishDigestIssues(ctx, ids, status); err != nil {
			return err
		}
		issuesTotal.WithLabelValues(status).Add(float64(len(ids)))
	}
	return nil
}
