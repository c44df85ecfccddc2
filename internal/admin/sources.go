package admin

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// sourceRunsShown is how many passes the sources page lists per source.
const sourceRunsShown = 10

type sourceView struct {
	Name, Kind, URL, Schedule string
	LastSuccess               string // "" when never read
	Failing                   bool   // its last pass failed
	Runs                      []runView
}

type runView struct {
	When, ISO                                    string
	Pages, NotModified, Found, New, Updated, Bad int64
	Backfill                                     bool
	Error                                        string
	Failures                                     []string
}

type sourcesData struct {
	Sources []sourceView
	Queued  string // the source a run was just queued for
}

// Sources lists each configured source with its latest passes, a button
// that runs it now and a link to its probe (admins only).
func (h *Handler) Sources(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), h.Pages.Language(r)
	health, err := h.Store.SourcesHealth(ctx)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	states := map[string]store.SourceHealth{}
	for _, s := range health {
		states[s.Source] = s
	}
	d := sourcesData{Queued: r.URL.Query().Get("queued")}
	for _, src := range h.Config.Sources {
		st := states[src.Name]
		v := sourceView{Name: src.Name, Kind: src.Kind, URL: src.URL, Schedule: src.Schedule,
			Failing: st.LastRunAt.After(st.LastSuccessAt)}
		if !st.LastSuccessAt.IsZero() {
			v.LastSuccess = h.when(lang, st.LastSuccessAt)
		}
		runs, err := h.Store.SourceRuns(ctx, src.Name, sourceRunsShown)
		if err != nil {
			h.internal(w, r, err)
			return
		}
		for _, run := range runs {
			rv := runView{When: h.when(lang, run.StartedAt), ISO: iso(run.StartedAt), Pages: run.Pages,
				NotModified: run.NotModified, Found: run.Found, New: run.New, Updated: run.Updated, Bad: run.Failed,
				Backfill: run.Backfill, Error: run.Error}
			if run.Failures != "" {
				rv.Failures = strings.Split(run.Failures, "\n")
			}
			v.Runs = append(v.Runs, rv)
		}
		d.Sources = append(d.Sources, v)
	}
	h.render(w, r, http.StatusOK, "sources", view{Data: d})
}

// source is the configured source the request's {name} names.
func (h *Handler) source(r *http.Request) (config.Source, bool) {
	name := r.PathValue("name")
	for _, s := range h.Config.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return config.Source{}, false
}

// RunSource queues an ingest pass over the source now (an ingest job that
// whichever replica is free works) and records that in the audit log.
func (h *Handler) RunSource(w http.ResponseWriter, r *http.Request) {
	src, ok := h.source(r)
	if !ok {
		h.NotFound(w, r)
		return
	}
	if h.Jobs == nil {
		h.internal(w, r, errors.New("admin: no job queue"))
		return
	}
	ctx, ss := r.Context(), current(r)
	err := h.Store.InTx(ctx, func(tx *store.Store) error {
		if _, err := h.Jobs.InsertManyTx(ctx, tx.Tx, []river.InsertManyParams{{Args: ingest.Args{Source: src.Name}}}); err != nil {
			return err
		}
		return tx.AddAudit(ctx, store.AuditEntry{At: h.now(), Actor: ss.Username, Action: "source.run", Object: "source:" + src.Name})
	})
	if err != nil {
		h.internal(w, r, err)
		return
	}
	h.Log.Info("Console queued an ingest pass", slog.String("source", src.Name), slog.String("user", ss.Username))
	http.Redirect(w, r, "/admin/sources?queued="+url.QueryEscape(src.Name)+"#source-"+src.Name, http.StatusSeeOther)
}
