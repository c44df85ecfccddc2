package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

// OPML serves the list of every feed (OPML 2.0) in one format: Atom, or
// the one ?format= names (atom, rss, json); another is the 404 page.
func (h *Handler) OPML(w http.ResponseWriter, r *http.Request) {
	f := feed.Atom
	if q := r.URL.Query().Get("format"); q != "" {
		f = feed.Format(q)
	}
	if rf, ok := h.opml[f]; ok {
		rf.ServeHTTP(w, r)
		return
	}
	h.notFound(w, r, "feeds.opml?format="+string(f))
}

// Style serves the style sheet of every page.
func (h *Handler) Style(w http.ResponseWriter, r *http.Request) { h.css.ServeHTTP(w, r) }

// Feed serves a cached feed ({file}: <slug>.<format>), or the helpful 404 page.
func (h *Handler) Feed(w http.ResponseWriter, r *http.Request) {
	if rf, ok := h.feeds.Get(r.PathValue("file")); ok {
		rf.ServeHTTP(w, r)
		return
	}
	h.notFound(w, r, r.PathValue("file"))
}

// FeedArchive serves an RFC 5005 archive page ({file}) of a feed ({slug}),
// or the 404 page.
func (h *Handler) FeedArchive(w http.ResponseWriter, r *http.Request) {
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
