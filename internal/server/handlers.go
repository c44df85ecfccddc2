package server

import (
	"net/http"

	"github.com/partnerfeed/partnerfeed/internal/admin"
	"github.com/partnerfeed/partnerfeed/internal/subscribe"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// Handlers are the parts whose handlers the routes mount; a part that is
// off is nil and has no routes.
type Handlers struct {
	Ops       *Ops               // /healthz, /readyz, /metrics
	Pages     *web.Handler       // pages, feeds, OPML, style sheet
	Subscribe *subscribe.Handler // email on
	Console   *admin.Handler     // the console at /admin/
	// TelegramWebhook receives the bot's updates (telegram.mode webhook).
	TelegramWebhook http.HandlerFunc
}
