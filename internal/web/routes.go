package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

// Routes registers the public routes of DESIGN.md on mux (the subscription
// routes belong to the email part).
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", h.index)
	mux.HandleFunc("GET /partners/{slug}", h.partner)
	mux.HandleFunc("GET /feeds/{file}", h.feed)
	mux.HandleFunc("GET /feeds/{slug}/archive/{file}", h.feedArchive)
	mux.Handle("GET /feeds.opml", h.opml)
	mux.Handle("GET /static/style.css", h.css)
}

// feed serves a cached feed, or the helpful 404 page.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request) {
	if rf, ok := h.feeds.Get(r.PathValue("file")); ok {
		rf.ServeHTTP(w, r)
		return
	}
	h.notFound(w, r, r.PathValue("file"))
}

// feedArchive serves an RFC 5005 archive page of a feed, or the 404 page.
func (h *Handler) feedArchive(w http.ResponseWriter, r *http.Request) {
	n, f, err := feed.ParseArchiveName(r.PathValue("file"))
	if err == nil {
		var rf *feed.Rendered
		if rf, err = h.feeds.Archive(r.Context(), r.PathValue("slug"), n, f); err == nil {
			rf.ServeHTTP(w, r)
			return
		}
	}
	if !errors.Is(err, feed.ErrBadArchiveName) && !errors.Is(err, feed.ErrNoArchivePage) {
		h.log.Error("Archive page failed", slog.String("path", r.URL.Path), slog.Any("error", err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h.notFound(w, r, r.URL.Path)
}
