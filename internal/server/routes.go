// Package server holds partnerfeed's HTTP route table: every route the
// daemon serves, in one place, read top to bottom. The feature packages
// export their handlers; this table mounts them.
package server

import "net/http"

// Mount adds every route of the parts that are on to mux.
func Mount(mux *http.ServeMux, h Handlers) {
	if o := h.Ops; o != nil {
		mux.HandleFunc("GET /healthz", o.Healthz)
		mux.HandleFunc("GET /readyz", o.Ready)
		mux.Handle("GET /metrics", o.Metrics())
	}

	if p := h.Pages; p != nil {
		mux.HandleFunc("GET /{$}", p.Index)
		mux.HandleFunc("GET /partners/{slug}", p.Partner)
		mux.HandleFunc("GET /feeds/{file}", p.Feed)
		mux.HandleFunc("GET /feeds/{slug}/archive/{file}", p.FeedArchive)
		mux.HandleFunc("GET /feeds.opml", p.OPML)
		mux.HandleFunc("GET /static/style.css", p.Style)
		mux.HandleFunc("GET /favicon.svg", p.Favicon)
		mux.HandleFunc("GET /robots.txt", p.Robots)
	}

	// Email subscriptions; the POST routes refuse cross-site requests.
	if s := h.Subscribe; s != nil {
		if s.SelfService() {
			mux.HandleFunc("GET /subscribe", s.Form)
			mux.Handle("POST /subscribe", s.CrossOrigin(s.Subscribe))
			mux.HandleFunc("GET /confirm/{token}", s.ConfirmPage)
			mux.Handle("POST /confirm/{token}", s.CrossOrigin(s.Confirm))
		}
		mux.HandleFunc("GET /subscription/{token}", s.Preferences)
		mux.Handle("POST /subscription/{token}", s.CrossOrigin(s.ChangePreferences))
		mux.HandleFunc("GET /subscription/{token}/data", s.Data)
		mux.HandleFunc("GET /unsubscribe/{token}", s.UnsubscribePage)
		mux.Handle("POST /unsubscribe/{token}", s.CrossOrigin(s.Unsubscribe))
	}

	// The Fediverse accounts: discovery, actors, inboxes, collections.
	if f := h.Fediverse; f != nil {
		mux.HandleFunc("GET /.well-known/webfinger", f.WebFinger)
		mux.HandleFunc("GET /.well-known/nodeinfo", f.NodeInfoLinks)
		mux.HandleFunc("GET /nodeinfo/2.1", f.NodeInfo)
		mux.HandleFunc("GET /ap/actors/{slug}", f.Actor)
		mux.HandleFunc("POST /ap/actors/{slug}/inbox", f.Inbox)
		mux.HandleFunc("POST /ap/inbox", f.Inbox)
		mux.HandleFunc("GET /ap/actors/{slug}/outbox", f.Outbox)
		mux.HandleFunc("GET /ap/actors/{slug}/followers", f.Followers)
		mux.HandleFunc("GET /ap/actors/{slug}/notes/{id}", f.Note)
	}

	// The console: every page needs a session (303 to the login page
	// without one) and a role (h.Editor or h.Admin); every POST its CSRF
	// token. The navigation lists the pages (internal/admin/nav.go).
	if c := h.Console; c != nil {
		mux.HandleFunc("GET /admin/login", c.LoginPage)
		mux.HandleFunc("POST /admin/login", c.Login)
		mux.Handle("POST /admin/logout", c.Editor(c.Logout))
		mux.Handle("GET /admin/{$}", c.Editor(c.Home))
		mux.Handle("GET /admin/articles", c.Editor(c.Articles))
		mux.Handle("GET /admin/articles/{id}", c.Editor(c.Article))
		mux.Handle("POST /admin/articles/{id}/pin", c.Editor(c.Pin))
		mux.Handle("POST /admin/articles/{id}/unpin", c.Editor(c.Unpin))
		mux.Handle("POST /admin/articles/{id}/hide", c.Editor(c.Hide))
		mux.Handle("POST /admin/articles/{id}/unhide", c.Editor(c.Unhide))
		mux.Handle("POST /admin/articles/{id}/translation", c.Editor(c.Translate))
		mux.Handle("GET /admin/digests", c.Editor(c.Digests))
		mux.Handle("POST /admin/digests/{name}/preview", c.Editor(c.PreviewDigest))
		mux.Handle("GET /admin/articles/{id}/deliveries", c.Editor(c.ArticleDeliveries))
		mux.Handle("GET /admin/sources", c.Admin(c.Sources))
		mux.Handle("POST /admin/sources/{name}/run", c.Admin(c.RunSource))
		mux.Handle("GET /admin/sources/{name}/probe", c.Admin(c.ProbeSource))
		mux.Handle("GET /admin/subscribers", c.Admin(c.Subscribers))
		mux.Handle("POST /admin/subscribers/delete", c.Admin(c.DeleteSubscriber))
		mux.Handle("GET /admin/accounts", c.Admin(c.Accounts))
		mux.Handle("GET /admin/audit", c.Admin(c.Audit))
		mux.Handle("/admin/", c.Editor(c.NotFound))
		mux.Handle("/admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
	}

	if h.TelegramWebhook != nil {
		mux.HandleFunc("POST /telegram/webhook/{secret}", h.TelegramWebhook)
	}
}
