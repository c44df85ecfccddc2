package admin

import (
	"context"
	"net/http"
	"time"
)

// outageWindow is how far back the Telegram rate limits shown count.
const outageWindow = time.Hour

// outages is what is failing now, for the console's first page: digests the
// SMTP server is holding back, Telegram's 429s of the last hour, and the
// configured sources whose last pass failed. Every replica shows the same:
// all of it is read from the database.
type outages struct {
	DelayedIssues int    // digest issues the SMTP server holds back
	DigestSlot    string // the oldest delayed slot, in the site's zone
	DigestError   string // the last SMTP error
	RateLimits    int    // 429s in the last hour
	LastLimit     string // when the last 429 came
	Sources       []failingSource
}

type failingSource struct {
	Name, LastRun, LastSuccess, Error string
}

// Any reports whether anything is failing.
func (o outages) Any() bool {
	return o.DelayedIssues > 0 || o.RateLimits > 0 || len(o.Sources) > 0
}

// outagesNow reads the outages.
func (h *Handler) outagesNow(ctx context.Context, lang string) (outages, error) {
	var o outages
	delay, err := h.Store.DelayedDigests(ctx)
	if err != nil {
		return o, err
	}
	if delay.Issues > 0 {
		o.DelayedIssues, o.DigestSlot, o.DigestError = int(delay.Issues), h.when(lang, delay.OldestSlot), delay.LastError
	}
	limits, err := h.Store.TelegramRateLimitsSince(ctx, h.now().Add(-outageWindow))
	if err != nil {
		return o, err
	}
	if limits.Count > 0 {
		o.RateLimits, o.LastLimit = int(limits.Count), h.when(lang, limits.Last)
	}
	failing, err := h.Store.FailingSources(ctx)
	if err != nil {
		return o, err
	}
	for _, f := range failing {
		if !h.configuredSource(f.Source) {
			continue
		}
		fs := failingSource{Name: f.Source, LastRun: h.when(lang, f.LastRunAt), Error: f.Error}
		if !f.LastSuccessAt.IsZero() {
			fs.LastSuccess = h.when(lang, f.LastSuccessAt)
		}
		o.Sources = append(o.Sources, fs)
	}
	return o, nil
}

// configuredSource reports whether name is a source of the configuration.
func (h *Handler) configuredSource(name string) bool {
	for _, s := range h.Config.Sources {
		if s.Name == name {
			return true
		}
	}
	return false
}

// when is t as date and time in the site's time zone.
func (h *Handler) when(lang string, t time.Time) string {
	return h.date(lang, t) + " " + t.In(h.Config.Location).Format("15:04")
}

// homeData is the first page's data.
type homeData struct{ Outages outages }

// homeView reads what the first page shows; a failure is logged and answered 500.
func (h *Handler) homeView(w http.ResponseWriter, r *http.Request) (homeData, bool) {
	o, err := h.outagesNow(r.Context(), h.Pages.Language(r))
	if err != nil {
		h.internal(w, r, err)
		return homeData{}, false
	}
	return homeData{Outages: o}, true
}
