package admin

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/password"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Accounts are managed by `partnerfeed user …` and recorded in the audit
// log like every change made in the console.

// validName is an account name: letters, digits and . _ - @, up to 64.
var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// MinPasswordLength is the shortest password an account may get.
const MinPasswordLength = 12

// CheckName reports a name an account may not have.
func CheckName(name string) error {
	if !validName.MatchString(name) {
		return fmt.Errorf("admin: %q is not an account name (letters, digits, . _ - @; at most 64)", name)
	}
	return nil
}

// CheckPassword reports a password an account may not have.
func CheckPassword(pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		return fmt.Errorf("admin: the password must have at least %d characters", MinPasswordLength)
	}
	return nil
}

// newHash checks a new password and hashes it.
func newHash(pw string) (string, error) {
	if err := CheckPassword(pw); err != nil {
		return "", err
	}
	return password.Hash(pw, password.Default)
}

type accountRecord struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// AddUser creates an account with a hash of pw, recorded in the audit log
// as done by actor.
func AddUser(ctx context.Context, st *store.Store, name string, role Role, pw, actor string, now time.Time) error {
	if err := CheckName(name); err != nil {
		return err
	}
	hash, err := newHash(pw)
	if err != nil {
		return err
	}
	return st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.AddAdminUser(ctx, store.AdminUser{Name: name, Role: string(role), PasswordHash: hash, CreatedAt: now}); err != nil {
			return err
		}
		return tx.AddAudit(ctx, store.AuditEntry{At: now, Actor: actor, Action: "user.add", Object: "user:" + name,
			After: store.AuditJSON(accountRecord{name, role})})
	})
}

// SetPassword gives an account a new password and ends its sessions.
func SetPassword(ctx context.Context, st *store.Store, name, pw, actor string, now time.Time) error {
	hash, err := newHash(pw)
	if err != nil {
		return err
	}
	return st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetAdminPassword(ctx, name, hash); err != nil {
			return err
		}
		// The hash is never logged: the entry says only that it changed.
		return tx.AddAudit(ctx, store.AuditEntry{At: now, Actor: actor, Action: "user.passwd", Object: "user:" + name})
	})
}

// RemoveUser deletes an account and its sessions.
func RemoveUser(ctx context.Context, st *store.Store, name, actor string, now time.Time) error {
	return st.InTx(ctx, func(tx *store.Store) error {
		u, err := tx.AdminUserByName(ctx, name)
		if err != nil {
			return err
		}
		if err := tx.RemoveAdminUser(ctx, name); err != nil {
			return err
		}
		return tx.AddAudit(ctx, store.AuditEntry{At: now, Actor: actor, Action: "user.remove", Object: "user:" + name,
			Before: store.AuditJSON(accountRecord{u.Name, Role(u.Role)})})
	})
}
