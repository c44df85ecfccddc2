package subscribe

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/web"
)

// page is one small result page.
type page struct {
	Lang, Title, Body, SiteTitle, SiteURL, ImprintURL, PrivacyURL, Back string
	// Form, when set, is a one-button form posting to Action.
	Form *form
}

type form struct {
	Action, Button, Value string // Value: the "action" field ("" = none)
}

var pageTmpl = template.Must(template.New("page").Parse(pageHTML))

// styleSrc allows the page's inline style, by its hash, and nothing else.
var styleSrc = func() string {
	_, after, _ := strings.Cut(pageHTML, "<style>")
	css, _, _ := strings.Cut(after, "</style>")
	sum := sha256.Sum256([]byte(css))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}} – {{.SiteTitle}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}
a{color:#0b4f8a}
button{font-size:1rem;padding:.6rem 1.2rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #e8a200;outline-offset:2px}
</style>
</head>
<body>
<header><p><a href="{{.SiteURL}}">{{.SiteTitle}}</a></p></header>
<main>
<h1>{{.Title}}</h1>
<p>{{.Body}}</p>
{{with .Form}}<form method="post" action="{{.Action}}">{{if .Value}}<input type="hidden" name="action" value="{{.Value}}">{{end}}<button type="submit">{{.Button}}</button></form>{{end}}
<p><a href="{{.SiteURL}}">{{.Back}}</a></p>
</main>
<footer>{{if .ImprintURL}}<a href="{{.ImprintURL}}">Impressum / Imprint</a>{{end}}{{if .PrivacyURL}} · <a href="{{.PrivacyURL}}">Datenschutz / Privacy</a>{{end}}</footer>
</body>
</html>
`

// render writes a page with the status; titleKey and body are localized by the caller.
func (h *Handler) render(w http.ResponseWriter, status int, lang, titleKey, body string, f *form) {
	p := page{Lang: lang, Title: t(lang, titleKey), Body: body, SiteTitle: h.Cfg.Site.Title,
		SiteURL: h.Cfg.Site.BaseURL, ImprintURL: h.Cfg.Site.ImprintURL, PrivacyURL: h.Cfg.Site.PrivacyURL,
		Back: t(lang, "back"), Form: f}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	web.SetSecurityHeaders(w.Header(), styleSrc)
	w.Header().Set("Referrer-Policy", "no-referrer") // the URL holds a token
	w.WriteHeader(status)
	if err := pageTmpl.Execute(w, p); err != nil {
		h.Log.Warn("Page render failed", slog.Any("error", err))
	}
}
