package admin

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/probe"
	"github.com/partnerfeed/partnerfeed/internal/version"
)

// A probe from the console reads probePages listing pages unless ?pages=
// asks for more (up to the source's backfill_pages), and gives up after
// probeTimeout: a page answers within a few minutes at most.
const (
	probePages   = 2
	probeTimeout = 3 * time.Minute
)

type probeData struct {
	Source, Report, Verdict string
	Articles, Pages         int
}

// ProbeSource shows what `partnerfeed probe --source NAME` shows: what a
// crawl of the source would find now, writing nothing (admins only).
func (h *Handler) ProbeSource(w http.ResponseWriter, r *http.Request) {
	src, ok := h.source(r)
	if !ok {
		h.NotFound(w, r)
		return
	}
	pages, err := strconv.Atoi(r.URL.Query().Get("pages"))
	if err != nil || pages < 1 {
		pages = probePages
	}
	if src.BackfillPages > 0 {
		pages = min(pages, src.BackfillPages)
	}
	src.BackfillPages = pages
	ctx, cancel := context.WithTimeout(r.Context(), probeTimeout)
	defer cancel()
	log := h.Log.With(slog.String("probe", src.Name))
	client := fetch.New(h.Config.Fetch, version.String(), fetch.Options{Log: log})
	var report strings.Builder
	findings, verdict := probe.Run(ctx, h.Config, src, client, log, &report)
	h.render(w, r, http.StatusOK, "probe", view{Data: probeData{Source: src.Name, Report: report.String(),
		Verdict: verdict, Articles: len(findings.Articles), Pages: len(findings.Pages)}})
}
