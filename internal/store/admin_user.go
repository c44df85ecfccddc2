package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AdminUser is a console account. PasswordHash is an argon2id PHC string
// (internal/password), never the password.
type AdminUser struct {
	Name         string
	Role         string // "editor" or "admin"
	PasswordHash string
	CreatedAt    time.Time
}

// ErrExists is returned when a row to add is already there.
var ErrExists = errors.New("store: already exists")

// AddAdminUser adds an account; ErrExists when the name is taken.
func (s *Store) AddAdminUser(ctx context.Context, u AdminUser) error {
	res, err := s.q.ExecContext(ctx, `INSERT INTO admin_users (name, role, password_hash, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`, u.Name, u.Role, u.PasswordHash, Millis(u.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add user %s: %w", u.Name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: add user %s: %w", u.Name, ErrExists)
	}
	return nil
}

// AdminUserByName returns one account; ErrNotFound when there is none.
func (s *Store) AdminUserByName(ctx context.Context, name string) (AdminUser, error) {
	var u AdminUser
	var created int64
	err := s.q.QueryRowContext(ctx, `SELECT name, role, password_hash, created_at FROM admin_users WHERE name = $1`, name).
		Scan(&u.Name, &u.Role, &u.PasswordHash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return AdminUser{}, ErrNotFound
	}
	if err != nil {
		return AdminUser{}, fmt.Errorf("store: get user %s: %w", name, err)
	}
	u.CreatedAt = Time(created)
	return u, nil
}

// AdminUsers lists the accounts by name.
func (s *Store) AdminUsers(ctx context.Context) ([]AdminUser, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT name, role, password_hash, created_at FROM admin_users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	var out []AdminUser
	for rows.Next() {
		var u AdminUser
		var created int64
		if err := rows.Scan(&u.Name, &u.Role, &u.PasswordHash, &created); err != nil {
			return nil, fmt.Errorf("store: scan user: %w", err)
		}
		u.CreatedAt = Time(created)
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetAdminPassword replaces an account's hash and ends its sessions;
// ErrNotFound when there is no such account.
func (s *Store) SetAdminPassword(ctx context.Context, name, hash string) error {
	return s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE admin_users SET password_hash = $1 WHERE name = $2`, hash, name)
		if err != nil {
			return fmt.Errorf("store: set password of %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return tx.DeleteAdminSessions(ctx, name)
	})
}

// RemoveAdminUser deletes an account and its sessions; ErrNotFound when
// there is no such account.
func (s *Store) RemoveAdminUser(ctx context.Context, name string) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.DeleteAdminSessions(ctx, name); err != nil {
			return err
		}
		res, err := tx.q.ExecContext(ctx, `DELETE FROM admin_users WHERE name = $1`, name)
		if err != nil {
			return fmt.Errorf("store: remove user %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
