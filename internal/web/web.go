// Package web serves partnerfeed's public pages and feeds: the index of
// partner cities with the email subscription form, one page per partner, the
// feeds from feed.Cache, the OPML list of feeds and the style sheet. Pages are
// server-rendered html/template (no JavaScript), in every language of internal/i18n.
package web

import (
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/style.css
var styleCSS []byte

// Handler holds what the public routes need.
type Handler struct {
	cfg   config.Config
	site  feed.Site
	feeds *feed.Cache
	log   *slog.Logger
	pages map[string]*template.Template  // by page name
	opml  map[feed.Format]*feed.Rendered // /feeds.opml by ?format=
	css   *feed.Rendered
	// favicon and robots are served like the style sheet (ETag, 304, gzip).
	favicon, robots *feed.Rendered
	cssURL          string
}

// New prepares the handler: it parses the templates and renders the OPML
// list and the style sheet once.
func New(cfg config.Config, feeds *feed.Cache, log *slog.Logger) (*Handler, error) {
	h := &Handler{cfg: cfg, site: feed.NewSite(cfg), feeds: feeds, log: log, pages: map[string]*template.Template{}}
	for _, name := range []string{"index", "partner", "notfound", "message", "subscribe"} {
		t, err := template.New(name).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		h.pages[name] = t
	}
	h.opml = map[feed.Format]*feed.Rendered{}
	for _, f := range feed.Formats {
		opml, err := renderOPML(h.site, Channels(cfg), f)
		if err != nil {
			return nil, err
		}
		h.opml[f] = feed.NewRendered(opml, "text/x-opml; charset=utf-8", feed.CacheControl, time.Time{})
	}
	h.css = feed.NewRendered(styleCSS, "text/css; charset=utf-8", "public, max-age=604800, immutable", time.Time{})
	h.cssURL = "/static/style.css?v=" + strings.Trim(h.css.ETag, `"`)
	h.favicon = feed.NewRendered(faviconSVG, "image/svg+xml", "public, max-age=604800", time.Time{})
	h.robots = feed.NewRendered([]byte(robotsTxt), "text/plain; charset=utf-8", "public, max-age=86400", time.Time{})
	return h, nil
}

// Channels are the published feeds of a config: "all" first, then one per
// partner, titled and described in the site's language.
func Channels(cfg config.Config) []feed.Channel {
	site := feed.NewSite(cfg)
	lang := i18n.Pick("", site.Language)
	title := cfg.Site.TitleIn(lang)
	out := []feed.Channel{{Slug: feed.AllSlug, Title: title,
		Description: translate(lang, "feed_all_desc", cfg.Site.CityIn(lang)), HTMLURL: site.BaseURL + "/"}}
	for _, p := range cfg.Partners {
		name := site.Partners[p.Slug]
		out = append(out, feed.Channel{Slug: p.Slug, Title: title + ": " + name,
			Description: translate(lang, "feed_partner_desc", name), HTMLURL: site.BaseURL + "/partners/" + p.Slug})
	}
	return out
}
