package web

import "net/http"

// Message is a page that says one thing: a heading, a text, at most one
// button (a form posting to Form.Action) and a link home. The subscription
// pages are such pages.
type Message struct {
	Heading, Body string
	Form          *MessageForm
	Back          string // the text of the link home
}

// MessageForm is a form with one button; Value, when set, is sent as the
// field "action".
type MessageForm struct {
	Action, Button, Value string
}

type messagePage struct {
	page
	Message
}

// RenderMessage writes m as a page in lang with the status, in the layout
// and style of every page, kept out of search engines and without the
// language switch (the page answers one request). Headers the caller set
// (Cache-Control, Referrer-Policy) stay.
func (h *Handler) RenderMessage(w http.ResponseWriter, r *http.Request, status int, lang string, m Message) {
	p := messagePage{page: h.newPage(lang, false, r.URL.Path, m.Heading+" – "+h.cfg.Site.TitleIn(lang)), Message: m}
	p.Langs, p.NoIndex = nil, true
	h.render(w, r, status, "message", p)
}
