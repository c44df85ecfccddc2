package admin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// The session cookie and how long a session lasts from its login.
const (
	SessionCookie = "partnerfeed_admin"
	cookiePath    = "/admin"
	sessionTTL    = 12 * time.Hour
)

// newToken is 256 random bits, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashID is what the database keeps of a session id: a stolen database
// (or backup) holds no usable session.
func hashID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// startSession stores a new session for user and sets its cookie.
func (h *Handler) startSession(ctx context.Context, w http.ResponseWriter, user string) error {
	id, now := newToken(), h.now()
	ss := store.AdminSession{IDHash: hashID(id), Username: user, CSRF: newToken(), CreatedAt: now, ExpiresAt: now.Add(sessionTTL)}
	if err := h.Store.AddAdminSession(ctx, ss); err != nil {
		return err
	}
	h.setCookie(w, SessionCookie, cookiePath, id, sessionTTL)
	return nil
}

// setCookie sets a console cookie on path (max age 0 deletes it):
// HttpOnly, SameSite=Strict, Secure when the site is https.
func (h *Handler) setCookie(w http.ResponseWriter, name, path, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, Secure: h.secure,
		SameSite: http.SameSiteStrictMode, MaxAge: int(maxAge / time.Second)}
	if maxAge <= 0 {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// session is the request's live session, or ErrNotFound.
func (h *Handler) session(r *http.Request) (store.AdminSession, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return store.AdminSession{}, store.ErrNotFound
	}
	return h.Store.AdminSession(r.Context(), hashID(c.Value), h.now())
}

type sessionKey struct{}

// current is the session Require found for the request.
func current(r *http.Request) store.AdminSession {
	ss, _ := r.Context().Value(sessionKey{}).(store.AdminSession)
	return ss
}

// Require serves next only for a live session whose account has role (an
// admin has every role): without one the visitor is sent to the login page
// (303), with a lesser role answered 403. A POST must carry the session's
// CSRF token in the form field "csrf" (403 otherwise). Console pages are
// never cached.
func (h *Handler) Require(role Role, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ss, err := h.session(r)
		if errors.Is(err, store.ErrNotFound) {
			http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
			return
		}
		if err != nil {
			h.Log.Error("Console session lookup failed", slog.Any("error", err))
			h.fail(w, r, http.StatusInternalServerError, "error_internal")
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, ss))
		if r.Method == http.MethodPost && !sameToken(r.PostFormValue("csrf"), ss.CSRF) {
			h.fail(w, r, http.StatusForbidden, "error_csrf")
			return
		}
		if !Role(ss.Role).may(role) {
			h.fail(w, r, http.StatusForbidden, "error_forbidden")
			return
		}
		next(w, r)
	})
}

// Editor is Require(Editor, next); Admin is Require(Admin, next).
func (h *Handler) Editor(next http.HandlerFunc) http.Handler { return h.Require(Editor, next) }

// Admin serves next to admins only (see Require).
func (h *Handler) Admin(next http.HandlerFunc) http.Handler { return h.Require(Admin, next) }

// sameToken compares a form's token with the expected one in constant time;
// an empty token never matches.
func sameToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// Logout ends the session and sends the visitor to the login page.
func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	ss := current(r)
	if err := h.Store.DeleteAdminSession(r.Context(), ss.IDHash); err != nil {
		h.Log.Error("Console logout failed", slog.Any("error", err))
	}
	h.setCookie(w, SessionCookie, cookiePath, "", 0)
	h.Log.Info("Console logout", slog.String("user", ss.Username))
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}
