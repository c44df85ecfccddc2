package cli

import (
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/clientip"
	"github.com/partnerfeed/partnerfeed/internal/connlimit"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// listenHTTP opens http.listen with the connection caps: max_connections in
// total (lowered to fit the open-file limit) and max_connections_per_ip per
// client address, trusted proxies excepted.
func listenHTTP(c config.HTTP, log *slog.Logger) (net.Listener, error) {
	c.ApplyDefaults()
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return nil, err
	}
	total, lowered := connlimit.Fit(c.MaxConnections, connlimit.OpenFileLimit())
	if lowered {
		log.Warn("HTTP connection cap lowered to fit the open-file limit",
			slog.Int("max_connections", c.MaxConnections), slog.Int("open_file_limit", connlimit.OpenFileLimit()),
			slog.Int("cap", total))
	}
	proxies, err := clientip.New(c.TrustedProxies)
	if err != nil {
		ln.Close()
		return nil, err
	}
	return connlimit.New(ln, total, c.MaxConnectionsPerIP, proxies.Trusted), nil
}

// newHTTPServer is the daemon's HTTP server with the timeouts and limits of
// the http section.
func newHTTPServer(c config.HTTP, h http.Handler, log *slog.Logger) *http.Server {
	c.ApplyDefaults()
	return &http.Server{
		Handler:           limitBodies(c, h),
		ReadHeaderTimeout: c.ReadHeaderTimeout,
		ReadTimeout:       c.ReadTimeout,
		WriteTimeout:      c.WriteTimeout,
		IdleTimeout:       c.IdleTimeout,
		MaxHeaderBytes:    c.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// limitBodies caps request bodies: the Telegram webhook's at
// max_webhook_bytes, every other (the forms) at max_body_bytes. A body
// announced as larger is refused before it is read.
func limitBodies(c config.HTTP, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := c.MaxBodyBytes
		if strings.HasPrefix(r.URL.Path, telegram.WebhookPrefix) {
			limit = c.MaxWebhookBytes
		}
		if r.ContentLength > limit {
			w.Header().Set("Connection", "close")
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h.ServeHTTP(w, r)
	})
}
