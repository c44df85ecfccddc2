package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// The statuses the deliveries page counts, per line.
var (
	telegramStatuses = []string{store.DeliverySent, store.DeliveryFailed, store.DeliveryPending, store.DeliverySkipped}
	issueStatuses    = []string{store.IssueSent, store.IssueFailed, store.IssuePending, store.IssuePaused}
)

type deliveryLine struct {
	Key    string // ops.<Key> names the line
	Counts []statusCount
}

type deliveriesData struct {
	ID    int64
	Title string
	URL   string
	Lines []deliveryLine
}

// ArticleDeliveries shows what became of an article's deliveries: its
// Telegram messages sent, failed, pending (sending included) and skipped,
// and the digest issues holding it sent, failed, pending and paused.
func (h *Handler) ArticleDeliveries(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.NotFound(w, r)
		return
	}
	a, err := h.Store.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		h.NotFound(w, r)
		return
	}
	if err != nil {
		h.internal(w, r, err)
		return
	}
	ledger, err := h.Store.ArticleDeliveryCounts(ctx, id)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	issues, err := h.Store.ArticleDigestIssueCounts(ctx, id)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	tg := ledger["telegram"]
	if tg == nil {
		tg = map[string]int{}
	}
	tg[store.DeliveryPending] += tg[store.DeliverySending] // in flight is not done yet
	d := deliveriesData{ID: a.ID, Title: a.Title, URL: a.URL, Lines: []deliveryLine{
		{Key: "line_telegram", Counts: countsOf(tg, telegramStatuses)},
		{Key: "line_digest_issues", Counts: countsOf(issues, issueStatuses)},
	}}
	h.render(w, r, http.StatusOK, "deliveries", view{Data: d})
}

// countsOf lists the counts of the statuses, in their order (0 when absent).
func countsOf(by map[string]int, statuses []string) []statusCount {
	out := make([]statusCount, len(statuses))
	for i, st := range statuses {
		out[i] = statusCount{Status: st, N: by[st]}
	}
	return out
}
