package web

import "net/http"

// Routes registers the public routes of DESIGN.md on mux (the subscription
// routes belong to the email part).
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", h.index)
	mux.HandleFunc("GET /partners/{slug}", h.partner)
	mux.HandleFunc("GET /feeds/{file}", h.feed)
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
