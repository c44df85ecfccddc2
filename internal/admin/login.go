package admin

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/password"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// The login limits: within loginWindow, at most accountFailures failed
// logins per account and addressFailures per client address; then 429
// until the oldest failure leaves the window. Failures are rows in the
// database, so the limits hold across replicas.
const (
	loginWindow     = 15 * time.Minute
	accountFailures = 5
	addressFailures = 20
	loginCookie     = "partnerfeed_login" // the login form's CSRF token (double submit)
	loginPath       = "/admin/login"
)

type loginData struct {
	Username string
	Error    string
}

// LoginPage shows the login form (an account already logged in goes to
// the console's first page).
func (h *Handler) LoginPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if _, err := h.session(r); err == nil {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return
	}
	h.loginForm(w, r, http.StatusOK, loginData{})
}

// loginForm renders the form with a CSRF token, kept in a cookie of the
// login path only (there is no session yet to keep it in).
func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	token := ""
	if c, err := r.Cookie(loginCookie); err == nil && len(c.Value) >= 32 {
		token = c.Value
	} else {
		token = newToken()
	}
	h.setCookie(w, loginCookie, loginPath, token, sessionTTL)
	h.render(w, r, status, "login", view{CSRF: token, Data: d})
}

// Login checks the form's username and password: a good pair starts a
// session (303 to the console), a wrong one shows the form again, and too
// many failures get 429 with Retry-After. The password is never logged.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		h.fail(w, r, http.StatusForbidden, "error_csrf")
		return
	}
	ctx := r.Context()
	name := strings.TrimSpace(r.PostFormValue("username"))
	keys := []string{"addr:" + h.clients.Client(r)}
	if name != "" {
		keys = append(keys, "user:"+strings.ToLower(name))
	}
	wait, err := h.loginBlocked(ctx, keys)
	if err != nil {
		h.Log.Error("Console login failed", slog.Any("error", err))
		h.fail(w, r, http.StatusInternalServerError, "error_internal")
		return
	}
	d := loginData{Username: name}
	lang := h.Pages.Language(r)
	if wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		h.Log.Warn("Console login refused: too many failures", slog.String("user", name), slog.String("client", keys[0]))
		d.Error = t(lang, "login_too_many", (secs+59)/60)
		h.loginForm(w, r, http.StatusTooManyRequests, d)
		return
	}
	ok, err := h.checkPassword(ctx, name, r.PostFormValue("password"))
	if err != nil {
		h.Log.Error("Console login failed", slog.Any("error", err))
		h.fail(w, r, http.StatusInternalServerError, "error_internal")
		return
	}
	if !ok {
		if err := h.Store.RecordLoginFailure(ctx, h.now(), keys...); err != nil {
			h.Log.Error("Console login failed", slog.Any("error", err))
		}
		h.Log.Warn("Console login failed: wrong username or password", slog.String("user", name), slog.String("client", keys[0]))
		d.Error = t(lang, "login_wrong")
		h.loginForm(w, r, http.StatusOK, d)
		return
	}
	if err := h.Store.ClearLoginFailures(ctx, keys[len(keys)-1]); err != nil {
		h.Log.Warn("Clearing login failures failed", slog.Any("error", err))
	}
	now := h.now()
	if err := h.Store.DeleteExpiredAdminSessions(ctx, now, now.Add(-loginWindow)); err != nil {
		h.Log.Warn("Deleting expired sessions failed", slog.Any("error", err))
	}
	if err := h.startSession(ctx, w, name); err != nil {
		h.Log.Error("Console login failed", slog.Any("error", err))
		h.fail(w, r, http.StatusInternalServerError, "error_internal")
		return
	}
	h.setCookie(w, loginCookie, loginPath, "", 0)
	h.Log.Info("Console login", slog.String("user", name), slog.String("client", keys[0]))
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// loginBlocked is how long a login under keys must wait (0: it may try).
func (h *Handler) loginBlocked(ctx context.Context, keys []string) (time.Duration, error) {
	now := h.now()
	var wait time.Duration
	for _, k := range keys {
		limit := accountFailures
		if strings.HasPrefix(k, "addr:") {
			limit = addressFailures
		}
		n, oldest, err := h.Store.LoginFailures(ctx, k, now.Add(-loginWindow))
		if err != nil {
			return 0, err
		}
		if n >= limit {
			wait = max(wait, oldest.Add(loginWindow).Sub(now), time.Second)
		}
	}
	return wait, nil
}

// dummyHash is verified for unknown accounts, so that a wrong name takes as
// long as a wrong password and does not tell that the account is missing.
var dummyHash = sync.OnceValue(func() string {
	h, _ := password.Hash(newToken(), password.Default)
	return h
})

// checkPassword reports whether name's password is pw.
func (h *Handler) checkPassword(ctx context.Context, name, pw string) (bool, error) {
	u, err := h.Store.AdminUserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) || name == "" {
		password.Verify(pw, dummyHash())
		return false, nil
	}
	if err != nil {
		return false, err
	}
	ok, err := password.Verify(pw, u.PasswordHash)
	if err != nil {
		h.Log.Error("Stored password hash is malformed", slog.String("user", name))
		return false, nil
	}
	return ok, nil
}
