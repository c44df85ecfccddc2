package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
)

// Page is what the layout (templates/base.html) needs from every page:
// language, title, style sheet, links. Other packages' pages embed it.
type Page = page

// Layout parses the public pages' layout together with another package's
// templates (patterns in fsys), which define "content": pages of other
// parts (the console) look like the public site without a copy of it.
func Layout(name string, fsys fs.FS, patterns ...string) (*template.Template, error) {
	t, err := template.New(name).ParseFS(templateFS, "templates/base.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	if t, err = t.ParseFS(fsys, patterns...); err != nil {
		return nil, fmt.Errorf("web: parse %s: %w", name, err)
	}
	return t, nil
}

// Page returns the layout's data for a page for one visitor in lang: kept
// out of search engines, without the language switch.
func (h *Handler) Page(lang, path, title string) Page {
	p := h.newPage(lang, false, path, title+" – "+h.site.Title)
	p.Langs, p.NoIndex = nil, true
	return p
}

// Language is the language a request asks for (see pageLanguage).
func (h *Handler) Language(r *http.Request) string {
	lang, _ := pageLanguage(r, h.site.Language)
	return lang
}

// RenderPage writes t (a Layout) with data as a page with the status and
// the headers of every page; headers the caller set (Cache-Control) stay.
func (h *Handler) RenderPage(w http.ResponseWriter, r *http.Request, status int, t *template.Template, data any) {
	h.write(w, r, status, t.Name(), t, data)
}
