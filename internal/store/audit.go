package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry is one change recorded in the audit log: who made it, when,
// what it was (an action such as "article.hide"), on which object, and the
// object before and after as JSON ("" when there is none).
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string
	Action string
	Object string
	Before string
	After  string
}

// AuditJSON marshals v for an entry's Before or After ("" for nil).
func AuditJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// AddAudit appends e to the audit log; call it in the transaction of the
// change it records.
func (s *Store) AddAudit(ctx context.Context, e AuditEntry) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, object, before_json, after_json)
		VALUES ($1, $2, $3, $4, $5, $6)`, Millis(e.At), e.Actor, e.Action, e.Object, e.Before, e.After)
	if err != nil {
		return fmt.Errorf("store: add audit entry: %w", err)
	}
	return nil
}

// AuditLog returns up to limit entries older than the entry id before (0:
// the newest), newest first.
func (s *Store) AuditLog(ctx context.Context, before int64, limit int) ([]AuditEntry, error) {
	q := `SELECT id, at, actor, action, object, before_json, after_json FROM audit_log`
	args := []any{limit}
	if before > 0 {
		q += ` WHERE id < $2`
		args = append(args, before)
	}
	rows, err := s.q.QueryContext(ctx, q+` ORDER BY id DESC LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Object, &e.Before, &e.After); err != nil {
			return nil, fmt.Errorf("store: scan audit entry: %w", err)
		}
		e.At = Time(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
