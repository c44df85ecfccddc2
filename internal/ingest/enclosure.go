package ingest

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// enclosureLength sets the length of the article's first image (the feeds'
// enclosure) before the article is stored: the length already stored for
// that image URL, else its server's Content-Length, asked once with a HEAD
// request through the fetch client. A server that answers without a length,
// with a 4xx, or that robots.txt keeps closed, is not asked again
// (store.LengthUnknown); an outage leaves it to the article's next change.
// It reports whether it asked the server.
func (r *run) enclosureLength(ctx context.Context, a *store.Article) bool {
	if len(a.Images) == 0 || r.in.Fetch == nil {
		return false
	}
	im := &a.Images[0]
	n, err := r.in.Store.ImageLength(ctx, im.URL)
	if err != nil {
		r.log.Warn("Looking up an image's length failed", slog.String("url", im.URL), slog.Any("error", err))
		return false
	}
	if n != 0 {
		im.Length = n
		return false
	}
	target := im.URL
	if base, err := url.Parse(a.URL); err == nil {
		if ref, err := base.Parse(im.URL); err == nil {
			target = ref.String()
		}
	}
	h, err := r.in.Fetch.Head(ctx, target)
	var status *fetch.StatusError
	switch {
	case err == nil && h.Length > 0:
		im.Length = h.Length
	case err == nil, errors.Is(err, fetch.ErrDisallowed),
		errors.As(err, &status) && status.Code < 500 && status.Code != http.StatusTooManyRequests:
		im.Length = store.LengthUnknown
	default:
		r.log.Info("Image length not learned this time", slog.String("url", target), slog.Any("error", err))
		return false
	}
	return true
}
