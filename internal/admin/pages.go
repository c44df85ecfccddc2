package admin

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// Home is the console's first page: what is failing now, and the pages.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	d, ok := h.homeView(w, r)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "home", view{Data: d})
}

type accountView struct{ Name, Role, Created string }

// Accounts lists the console's accounts (admins only).
func (h *Handler) Accounts(w http.ResponseWriter, r *http.Request) {
	users, err := h.Store.AdminUsers(r.Context())
	if err != nil {
		h.internal(w, r, err)
		return
	}
	lang := h.Pages.Language(r)
	var rows []accountView
	for _, u := range users {
		rows = append(rows, accountView{Name: u.Name, Role: t(lang, "role_"+u.Role), Created: h.date(lang, u.CreatedAt)})
	}
	h.render(w, r, http.StatusOK, "accounts", view{Data: rows})
}

type auditView struct {
	When, ISO, Actor, Action, Object, Before, After string
}

const auditPage = 50

// Audit shows the audit log, newest first, 50 entries a page (admins only).
func (h *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	entries, err := h.Store.AuditLog(r.Context(), before, auditPage)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	lang := h.Pages.Language(r)
	var d struct {
		Entries []auditView
		Older   string
	}
	for _, e := range entries {
		d.Entries = append(d.Entries, auditView{When: h.date(lang, e.At) + " " + e.At.In(h.Config.Location).Format("15:04:05"),
			ISO: e.At.UTC().Format(time.RFC3339), Actor: e.Actor, Action: e.Action, Object: e.Object, Before: e.Before, After: e.After})
	}
	if len(entries) == auditPage {
		d.Older = "/admin/audit?before=" + strconv.FormatInt(entries[len(entries)-1].ID, 10)
	}
	h.render(w, r, http.StatusOK, "audit", view{Data: d})
}

// date is t as a date in the site's time zone.
func (h *Handler) date(lang string, t time.Time) string {
	return i18n.Date(lang, t.In(h.Config.Location))
}

// internal answers 500 after logging err.
func (h *Handler) internal(w http.ResponseWriter, r *http.Request, err error) {
	h.Log.Error("Console page failed", slog.String("path", r.URL.Path), slog.Any("error", err))
	h.fail(w, r, http.StatusInternalServerError, "error_internal")
}
