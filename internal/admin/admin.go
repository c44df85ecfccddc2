// Package admin is the press office's console at /admin/: a login with
// server-side sessions stored in the database (so every replica knows
// them), a CSRF token on every form, rate-limited logins, an audit log of
// every change, and the pages editors and admins work on. Its pages use the
// public site's layout and style sheet (web.Layout). Routes are mounted by
// internal/server; the navigation is the list in nav.go.
package admin

import (
	"fmt"
	"html/template"
	"log/slog"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/clientip"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/hide"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// Deps are what the console works with.
type Deps struct {
	Config config.Config
	Store  *store.Store
	Pages  *web.Handler // the public site: layout, style sheet, language
	Log    *slog.Logger
	// Jobs inserts the jobs of a change (notifications, message deletions)
	// in the change's transaction.
	Jobs *jobs.Inserter
	// Changed is called after a change to articles or tags (the feeds
	// re-render); nil does nothing.
	Changed func()
	// Digest renders the digest preview (nil when email is off).
	Digest *digest.Service
	// Telegram is whether the bot is on (hiding then deletes its messages).
	Telegram bool
	// HideHooks run in the transaction of every hide and unhide (the
	// Fediverse's Delete).
	HideHooks []hide.Hook
}

// Handler serves the console.
type Handler struct {
	Deps
	clients clientip.Resolver
	secure  bool // cookies only over https (site.base_url is https)
	now     func() time.Time
	pages   map[string]*template.Template
	tagger  *tag.Tagger
	ops     opsState // the operators' pages (ops.go)
}

// New prepares the console: it parses its templates into the site's layout.
func New(d Deps) (*Handler, error) {
	clients, err := clientip.New(d.Config.HTTP.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	h := &Handler{Deps: d, clients: clients, now: time.Now, pages: map[string]*template.Template{}, tagger: tag.New(d.Config.Partners),
		secure: strings.HasPrefix(d.Config.Site.BaseURL, "https://")}
	if h.Changed == nil {
		h.Changed = func() {}
	}
	if err := h.parseTemplates(); err != nil {
		return nil, err
	}
	return h, nil
}
