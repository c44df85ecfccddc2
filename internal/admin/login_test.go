package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Without a session every console URL sends the visitor to the login page.
func TestLoggedOutIsSentToLogin(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	c := e.client()
	for _, path := range []string{"/admin/", "/admin/accounts", "/admin/audit", "/admin/articles", "/admin/no-such-page"} {
		resp, _ := e.get(c, path)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
			t.Errorf("GET %s without a session: %s to %q", path, resp.Status, resp.Header.Get("Location"))
		}
	}
	resp, _ := e.post(c, "/admin/logout", url.Values{"csrf": {"x"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Errorf("POST /admin/logout without a session: %s", resp.Status)
	}
}

// A good login opens the console; logging out ends the session on the
// server (the old cookie no longer works).
func TestLoginAndLogout(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	c := e.client()
	e.login(c, adminName, adminPassword)
	resp, body := e.get(c, "/admin/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Angemeldet als anna") {
		t.Fatalf("console after login: %s\n%s", resp.Status, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("console page Cache-Control %q", cc)
	}
	u, _ := url.Parse(e.srv.URL + "/admin/")
	old := c.Jar.Cookies(u)
	resp, _ = e.post(c, "/admin/logout", url.Values{"csrf": {e.token(c, "/admin/")}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Fatalf("logout: %s", resp.Status)
	}
	if resp, _ := e.get(c, "/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("console after logout: %s", resp.Status)
	}
	// The old cookie, replayed, is dead too.
	replay := e.client()
	replay.Jar.SetCookies(u, old)
	if resp, _ := e.get(replay, "/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the logged-out session's cookie still opens the console: %s", resp.Status)
	}
}

// A POST without the CSRF token, or with another session's, gets 403 and
// changes nothing; so does a login form posted without its token.
func TestCSRF(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	c, other := e.client(), e.client()
	e.login(c, adminName, adminPassword)
	e.login(other, editorName, editorPassword)
	for name, form := range map[string]url.Values{
		"no token":            {},
		"empty token":         {"csrf": {""}},
		"another session's":   {"csrf": {e.token(other, "/admin/")}},
		"a token with a typo": {"csrf": {e.token(c, "/admin/") + "x"}},
	} {
		resp, _ := e.post(c, "/admin/logout", form)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("logout with %s: %s, want 403", name, resp.Status)
		}
	}
	if resp, _ := e.get(c, "/admin/"); resp.StatusCode != http.StatusOK {
		t.Errorf("the refused logouts ended the session: %s", resp.Status)
	}
	fresh := e.client()
	e.token(fresh, "/admin/login") // gets the login cookie, sends no token
	resp, _ := e.post(fresh, "/admin/login", url.Values{"username": {adminName}, "password": {adminPassword}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("login without its token: %s, want 403", resp.Status)
	}
}

// An editor may work on articles, not open the accounts or the audit log;
// the navigation does not offer them.
func TestEditorCannotOpenAccounts(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	c := e.client()
	e.login(c, editorName, editorPassword)
	for _, path := range []string{"/admin/accounts", "/admin/audit"} {
		if resp, _ := e.get(c, path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor GET %s: %s, want 403", path, resp.Status)
		}
	}
	_, body := e.get(c, "/admin/")
	if strings.Contains(body, `href="/admin/accounts"`) {
		t.Error("the editor's navigation links the accounts page")
	}
	a := e.client()
	e.login(a, adminName, adminPassword)
	resp, body := e.get(a, "/admin/accounts")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<td>ed</td>") {
		t.Errorf("admin GET /admin/accounts: %s\n%s", resp.Status, body)
	}
}

// Wrong passwords are limited per account (5 in 15 minutes), whatever
// the address; then even the right password gets 429 with Retry-After.
// The limit counts rows in the database: a second console on the same
// database (another replica) refuses too.
func TestLoginRateLimitPerAccount(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	c := e.client()
	for i := range 5 {
		resp, body := e.tryLogin(c, editorName, "wrong password "+strconv.Itoa(i))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Benutzername oder Passwort ist falsch") {
			t.Fatalf("wrong password %d: %s\n%s", i, resp.Status, body)
		}
	}
	resp, body := e.tryLogin(c, editorName, editorPassword)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th attempt: %s, want 429\n%s", resp.Status, body)
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 || s > 15*60 {
		t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	if !strings.Contains(body, "Zu viele Fehlversuche") {
		t.Errorf("429 page does not say why:\n%s", body)
	}
	replica := newEnv(t, testConfig(), e.store)
	if resp, _ := replica.tryLogin(replica.client(), editorName, editorPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the other replica: %s, want 429", resp.Status)
	}
	// Another account from the same address may still log in.
	e.login(e.client(), adminName, adminPassword)
	for _, secret := range []string{editorPassword, "wrong password 0"} {
		if strings.Contains(e.log.String(), secret) {
			t.Errorf("the log holds the password %q", secret)
		}
	}
}

// Failures from one address are limited across accounts (20 in 15 minutes),
// unknown account names included.
func TestLoginRateLimitPerAddress(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	c := e.client()
	for i := range 20 {
		if resp, _ := e.tryLogin(c, "nobody"+strconv.Itoa(i), "some password"); resp.StatusCode != http.StatusOK {
			t.Fatalf("attempt %d: %s", i, resp.Status)
		}
	}
	if resp, _ := e.tryLogin(c, adminName, adminPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("21st attempt from the address: %s, want 429", resp.Status)
	}
}

// The session cookie is HttpOnly, SameSite=Strict, limited to /admin, and
// Secure when the site is served over https; it holds no account name.
func TestSessionCookieFlags(t *testing.T) {
	for _, base := range []string{"http://127.0.0.1:1", "https://news.example"} {
		cfg := testConfig()
		cfg.Site.BaseURL = base
		e := newEnv(t, cfg, nil)
		c := e.client()
		c.Jar = nil
		resp, _ := e.get(c, "/admin/login")
		var login *http.Cookie
		for _, ck := range resp.Cookies() {
			login = ck
		}
		if login == nil {
			t.Fatal("the login form sets no cookie for its token")
		}
		form := url.Values{"csrf": {login.Value}, "username": {adminName}, "password": {adminPassword}}
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/admin/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: login.Name, Value: login.Value})
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var session *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == "partnerfeed_admin" {
				session = ck
			}
		}
		if session == nil {
			t.Fatalf("%s: login set no session cookie (%s)", base, resp.Status)
		}
		wantSecure := strings.HasPrefix(base, "https:")
		if !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Path != "/admin" ||
			session.Secure != wantSecure || session.MaxAge <= 0 {
			t.Errorf("%s: session cookie %+v", base, session)
		}
		if len(session.Value) < 43 || strings.Contains(session.Value, adminName) {
			t.Errorf("%s: session id %q is short or names the account", base, session.Value)
		}
		if login.Secure != wantSecure || !login.HttpOnly || login.SameSite != http.SameSiteStrictMode {
			t.Errorf("%s: login cookie %+v", base, login)
		}
	}
}
