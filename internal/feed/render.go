package feed

import (
	"fmt"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Render renders a channel's articles (newest first) in format f. The output
// depends on its arguments only: the same data gives the same bytes.
func Render(s Site, ch Channel, arts []store.Article, f Format) ([]byte, error) {
	return RenderPage(s, ch, arts, f, Paging{})
}

// RenderPage renders a channel's current feed or one of its archive pages
// (RFC 5005) with the paging links p calls for.
func RenderPage(s Site, ch Channel, arts []store.Article, f Format, p Paging) ([]byte, error) {
	m := newModel(s, ch, arts)
	m.Paging = p
	switch f {
	case RSS:
		return renderRSS(m)
	case Atom:
		return renderAtom(m)
	case JSON:
		return renderJSON(m)
	}
	return nil, fmt.Errorf("feed: unknown format %q", f)
}
