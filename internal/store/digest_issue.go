package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// The states of a digest issue.
const (
	IssuePending = "pending" // created for its slot, not (completely) sent yet
	IssueSent    = "sent"    // sent to at least one address
	IssueEmpty   = "empty"   // nothing to send, skipped
	IssueFailed  = "failed"  // every address failed permanently
	IssuePaused  = "paused"  // every address of a configured digest is paused
)

// DigestIssue is one digest for one recipient and schedule slot. The ledger
// rows it holds are fixed when it is created, so a retry sends the same content.
type DigestIssue struct {
	ID        int64
	Recipient string
	Slot      time.Time
	Status    string
	MessageID string // of the first message sent
	Attempts  int
	LastError string
}

// Done reports whether nothing is left to send for the issue.
func (i DigestIssue) Done() bool { return i.Status != IssuePending }

// DigestSend is the final result of one message of an issue.
type DigestSend struct {
	IssueID   int64
	Address   string
	Status    string // sent | failed (permanently)
	Error     string
	MessageID string
}

// OpenDigestIssues returns the recipients' issues for the slot (recipient →
// issue). An issue created by this call takes every pending ledger row of its
// recipient not yet in an issue; an existing one keeps its rows.
func (s *Store) OpenDigestIssues(ctx context.Context, recipients []string, slot time.Time) (map[string]DigestIssue, error) {
	out := map[string]DigestIssue{}
	err := s.InTx(ctx, func(tx *Store) error {
		for start := 0; start < len(recipients); start += 500 {
			part := recipients[start:min(start+500, len(recipients))]
			if err := tx.openIssues(ctx, part, slot, out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func (s *Store) openIssues(ctx context.Context, recipients []string, slot time.Time, out map[string]DigestIssue) error {
	now, ms := Now(), Millis(slot)
	values := make([]string, len(recipients))
	args := make([]any, 0, 3*len(recipients))
	for i, r := range recipients {
		values[i] = fmt.Sprintf("($%d,$%d,$%d)", 3*i+1, 3*i+2, 3*i+3)
		args = append(args, r, ms, now)
	}
	rows, err := s.q.QueryContext(ctx, `INSERT INTO digest_issues (recipient, slot, created_at) VALUES `+
		strings.Join(values, ",")+` ON CONFLICT DO NOTHING RETURNING recipient`, args...)
	if err != nil {
		return fmt.Errorf("store: open digest issues: %w", err)
	}
	var created []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return fmt.Errorf("store: open digest issues: %w", err)
		}
		created = append(created, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: open digest issues: %w", err)
	}
	if len(created) > 0 {
		args := append([]any{ms, EmailChannel}, argList(created)...)
		// "issue_id + 0": look rows up by recipient, not through the issue_id
		// index, where every unassigned row of every channel has 0.
		if _, err := s.q.ExecContext(ctx, `UPDATE deliveries SET issue_id = (SELECT i.id FROM digest_issues i
			WHERE i.recipient = deliveries.recipient AND i.slot = $1)
			WHERE channel = $2 AND status = 'pending' AND issue_id + 0 = 0 AND recipient IN (`+
			placeholders(2, len(created))+`)`, args...); err != nil {
			return fmt.Errorf("store: assign deliveries to issues: %w", err)
		}
	}
	rows, err = s.q.QueryContext(ctx, `SELECT id, recipient, slot, status, message_id, attempts, last_error
		FROM digest_issues WHERE slot = $1 AND recipient IN (`+placeholders(1, len(recipients))+`)`,
		append([]any{ms}, argList(recipients)...)...)
	if err != nil {
		return fmt.Errorf("store: open digest issues: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		iss, err := scanDigestIssue(rows)
		if err != nil {
			return err
		}
		out[iss.Recipient] = iss
	}
	return rows.Err()
}

// OpenDigestIssue is OpenDigestIssues for one recipient.
func (s *Store) OpenDigestIssue(ctx context.Context, recipient string, slot time.Time) (DigestIssue, error) {
	m, err := s.OpenDigestIssues(ctx, []string{recipient}, slot)
	return m[recipient], err
}

func scanDigestIssue(sc interface{ Scan(...any) error }) (DigestIssue, error) {
	var iss DigestIssue
	var ms int64
	if err := sc.Scan(&iss.ID, &iss.Recipient, &ms, &iss.Status, &iss.MessageID, &iss.Attempts, &iss.LastError); err != nil {
		return iss, fmt.Errorf("store: scan digest issue: %w", err)
	}
	iss.Slot = Time(ms)
	return iss, nil
}

// IssuesArticles returns the articles of each issue (issue id → articles),
// newest first.
func (s *Store) IssuesArticles(ctx context.Context, ids []int64) (map[int64][]Article, error) {
	out := map[int64][]Article{}
	if len(ids) == 0 {
		return out, nil
	}
	// Issue ids are email rows only: no channel condition, so the issue_id index is used.
	rows, err := s.q.QueryContext(ctx, `SELECT d.issue_id, `+articleColumns+` FROM articles a
		JOIN deliveries d ON d.article_id = a.id WHERE d.issue_id IN (`+emailIntList(ids)+`) AND `+shown+`
		ORDER BY a.published_at DESC, a.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: list issue articles: %w", err)
	}
	type row struct{ issue, article int64 }
	var order []row
	byID := map[int64]int{}
	var unique []Article
	for rows.Next() {
		var issue int64
		a, err := scanArticle(issueRowScanner{rows, &issue})
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan issue article: %w", err)
		}
		if _, ok := byID[a.ID]; !ok {
			byID[a.ID] = len(unique)
			unique = append(unique, a)
		}
		order = append(order, row{issue, a.ID})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list issue articles: %w", err)
	}
	if err := s.fillDetails(ctx, unique); err != nil {
		return nil, err
	}
	for _, r := range order {
		out[r.issue] = append(out[r.issue], unique[byID[r.article]])
	}
	return out, nil
}

// IssueArticles returns the articles of one issue, newest first.
func (s *Store) IssueArticles(ctx context.Context, id int64) ([]Article, error) {
	m, err := s.IssuesArticles(ctx, []int64{id})
	return m[id], err
}

// issueRowScanner scans a leading column into first, the rest into the caller's targets.
type issueRowScanner struct {
	sc    interface{ Scan(...any) error }
	first any
}

// Scan scans the first column into p.first and the others into dest.
func (p issueRowScanner) Scan(dest ...any) error {
	return p.sc.Scan(append([]any{p.first}, dest...)...)
}

// DigestSends returns the results recorded for the issues (issue id → address → status).
func (s *Store) DigestSends(ctx context.Context, ids []int64) (map[int64]map[string]string, error) {
	out := map[int64]map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.q.QueryContext(ctx, `SELECT issue_id, address, status FROM digest_sends
		WHERE issue_id IN (`+emailIntList(ids)+`)`)
	if err != nil {
		return nil, fmt.Errorf("store: list digest sends: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var addr, st string
		if err := rows.Scan(&id, &addr, &st); err != nil {
			return nil, fmt.Errorf("store: scan digest send: %w", err)
		}
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][addr] = st
	}
	return out, rows.Err()
}

// RecordDigestSends records final per-message results (a result already
// recorded for the issue and address is kept).
func (s *Store) RecordDigestSends(ctx context.Context, sends []DigestSend) error {
	now := Now()
	for start := 0; start < len(sends); start += 400 {
		part := sends[start:min(start+400, len(sends))]
		values := make([]string, len(part))
		args := make([]any, 0, 6*len(part))
		for i, d := range part {
			values[i] = fmt.Sprintf("($%d,$%d,$%d,$%d,$%d,$%d)", 6*i+1, 6*i+2, 6*i+3, 6*i+4, 6*i+5, 6*i+6)
			args = append(args, d.IssueID, d.Address, d.Status, d.Error, d.MessageID, now)
		}
		// RETURNING names the rows inserted (not those kept), each a mail's outcome.
		statuses, err := queryList[string](ctx, s.q, "digest sends", `INSERT INTO digest_sends (issue_id, address, status, error, message_id, sent_at)
			VALUES `+strings.Join(values, ",")+` ON CONFLICT DO NOTHING RETURNING status`, args...)
		if err != nil {
			return fmt.Errorf("store: record digest sends: %w", err)
		}
		byResult := map[string]int64{}
		for _, st := range statuses {
			byResult[st]++
		}
		s.countOutcomes("email", byResult)
	}
	return nil
}

// DigestIssueAttemptFailed counts a temporary failure of an issue.
func (s *Store) DigestIssueAttemptFailed(ctx context.Context, issueID int64, errText string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE digest_issues SET attempts = attempts + 1, last_error = $1
		WHERE id = $2`, errText, issueID)
	if err != nil {
		return fmt.Errorf("store: count digest attempt: %w", err)
	}
	return nil
}

// FinishDigestIssues closes issues with their final status and marks their
// ledger rows sent (IssueSent), failed (IssueFailed) or skipped (IssuePaused).
func (s *Store) FinishDigestIssues(ctx context.Context, ids []int64, status string) error {
	if len(ids) == 0 {
		return nil
	}
	row := map[string]string{IssueSent: "sent", IssueFailed: "failed", IssuePaused: "skipped"}[status]
	now, in := Now(), emailIntList(ids)
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE digest_issues SET status = $1, attempts = attempts + 1,
			sent_at = $2, message_id = COALESCE((SELECT MIN(s.message_id) FROM digest_sends s
				WHERE s.issue_id = digest_issues.id AND s.status = 'sent'), '')
			WHERE id IN (`+in+`)`, status, now); err != nil {
			return fmt.Errorf("store: finish digest issues: %w", err)
		}
		if row == "" {
			return nil
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE deliveries SET status = $1, sent_at = $2,
			attempts = attempts + 1 WHERE issue_id IN (`+in+`)`, row, now); err != nil {
			return fmt.Errorf("store: finish digest deliveries: %w", err)
		}
		return nil
	})
}

// DigestIssues lists a recipient's issues, oldest slot first.
func (s *Store) DigestIssues(ctx context.Context, recipient string) ([]DigestIssue, error) {
	return s.listIssues(ctx, "list digest issues", `recipient = $1 ORDER BY slot`, recipient)
}

// PendingDigestIssues lists the issues not (completely) sent yet, oldest slot first.
func (s *Store) PendingDigestIssues(ctx context.Context) ([]DigestIssue, error) {
	// The literal status lets SQLite use the partial index as well.
	return s.listIssues(ctx, "list pending digest issues", `status = 'pending' ORDER BY slot, id`)
}

func (s *Store) listIssues(ctx context.Context, what, where string, args ...any) ([]DigestIssue, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, recipient, slot, status, message_id, attempts, last_error
		FROM digest_issues WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []DigestIssue
	for rows.Next() {
		iss, err := scanDigestIssue(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, iss)
	}
	return out, rows.Err()
}
