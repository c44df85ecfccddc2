package web

import (
	"net/http"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

// feedsPrefix is where the route table mounts the feeds (GET /feeds/{file}).
const feedsPrefix = "/feeds/"

// FeedsFirst answers the requests feed readers send all day — GET or HEAD
// of a rendered feed, /feeds/<file>, without a request body — before next,
// and passes every other request to next. next is the server's whole chain
// (the middleware and the route table): a feed request would only pass
// through it to reach the same feed, paying the mux walk and the per-request
// work of middleware meant for pages and forms. It answers only where the
// route table would call h.feed and h.feed would serve a feed; escaped or
// unclean paths, unknown names, other methods and requests with a body take
// the full chain.
func (h *Handler) FeedsFirst(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rf := h.fastFeed(r); rf != nil {
			rf.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// fastFeed is the feed a request asks for when FeedsFirst may answer it.
func (h *Handler) fastFeed(r *http.Request) *feed.Rendered {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.Body != http.NoBody || r.URL.RawPath != "" {
		return nil
	}
	name, ok := strings.CutPrefix(r.URL.Path, feedsPrefix)
	if !ok || strings.IndexByte(name, '/') >= 0 {
		return nil
	}
	rf, _ := h.feeds.Get(name)
	return rf
}
