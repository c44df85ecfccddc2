package admin

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"github.com/partnerfeed/partnerfeed/internal/audience"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// countColumns are the counts table's columns: a channel and a state of it.
var countColumns = audience.States

type countRow struct {
	Partner string
	Counts  []int64
}

type subscribersData struct {
	Columns [][2]string
	Rows    []countRow
	Total   countRow
	Query   string
	Found   *foundView // the lookup's result
	Missing bool       // the lookup found nothing
	Deleted string     // what was just deleted
}

type foundView struct {
	Kind, Value, State, Since, Language, Schedule string
	Partners                                      []string
}

// Subscribers shows how many follow each partner per channel and state,
// never who; an admin may look up one address or chat by its exact value
// (?q=) to delete it on request.
func (h *Handler) Subscribers(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), h.Pages.Language(r)
	counts, err := h.Store.SubscriberCounts(ctx)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	d := subscribersData{Columns: countColumns, Query: r.URL.Query().Get("q"), Deleted: r.URL.Query().Get("deleted")}
	n := map[[3]string]int64{}
	for _, c := range counts {
		n[[3]string{c.Channel, c.Partner, c.State}] += c.N
	}
	d.Total = countRow{Counts: make([]int64, len(countColumns))}
	for _, p := range h.Config.Partners {
		row := countRow{Partner: p.Name(lang)}
		for i, col := range countColumns {
			v := n[[3]string{col[0], p.Slug, col[1]}]
			row.Counts = append(row.Counts, v)
			d.Total.Counts[i] += v
		}
		d.Rows = append(d.Rows, row)
	}
	if d.Query != "" {
		found, err := h.Store.LookupSubscriber(ctx, d.Query)
		switch {
		case errors.Is(err, store.ErrNotFound):
			d.Missing = true
		case err != nil:
			h.internal(w, r, err)
			return
		default:
			d.Found = h.foundView(lang, found)
		}
	}
	h.render(w, r, http.StatusOK, "subscribers", view{Data: d})
}

// foundView is what the lookup shows of a subscriber: enough to be sure it
// is the one to delete.
func (h *Handler) foundView(lang string, f store.FoundSubscriber) *foundView {
	if e := f.Email; e != nil {
		return &foundView{Kind: "email", Value: e.Email, State: e.Status, Since: h.when(lang, e.CreatedAt),
			Language: e.Language, Schedule: e.Schedule, Partners: h.slugNames(lang, e.Partners)}
	}
	c := f.Chat
	state := store.ChatActive
	if !c.Active {
		state = store.ChatBlocked
	}
	return &foundView{Kind: "telegram", Value: strconv.FormatInt(c.ID, 10), State: state, Since: h.when(lang, c.CreatedAt),
		Language: c.Language, Partners: h.slugNames(lang, f.Follows)}
}

// slugNames are the partners' names in lang (slugs of partners no longer configured as they are).
func (h *Handler) slugNames(lang string, slugs []string) []string {
	var out []string
	for _, s := range slugs {
		if p, ok := h.Config.Partner(s); ok {
			out = append(out, p.Name(lang))
		} else {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// deletionRecord is what the audit log keeps of a deleted subscriber: its
// kind, state and partners, not the address or chat (they are erased).
type deletionRecord struct {
	Kind     string   `json:"kind"`
	ID       int64    `json:"id,omitempty"`
	State    string   `json:"state"`
	Partners []string `json:"partners"`
}

// DeleteSubscriber deletes the address or chat named exactly by the form
// field "value", on the subscriber's request, and records that in the
// audit log (admins only).
func (h *Handler) DeleteSubscriber(w http.ResponseWriter, r *http.Request) {
	ctx, ss := r.Context(), current(r)
	value := r.PostFormValue("value")
	var rec deletionRecord
	err := h.Store.InTx(ctx, func(tx *store.Store) error {
		found, err := tx.DeleteSubscriber(ctx, value)
		if err != nil {
			return err
		}
		if e := found.Email; e != nil {
			rec = deletionRecord{Kind: "email", ID: e.ID, State: e.Status, Partners: e.Partners}
		} else {
			rec = deletionRecord{Kind: "telegram", State: store.ChatActive, Partners: found.Follows}
			if !found.Chat.Active {
				rec.State = store.ChatBlocked
			}
		}
		return tx.AddAudit(ctx, store.AuditEntry{At: h.now(), Actor: ss.Username, Action: "subscriber.delete",
			Object: "subscriber:" + rec.Kind, Before: store.AuditJSON(rec)})
	})
	if errors.Is(err, store.ErrNotFound) {
		h.fail(w, r, http.StatusNotFound, "error_not_found")
		return
	}
	if err != nil {
		h.internal(w, r, err)
		return
	}
	h.Log.Info("Console deleted a subscriber", slog.String("kind", rec.Kind), slog.String("user", ss.Username))
	http.Redirect(w, r, "/admin/subscribers?deleted="+rec.Kind, http.StatusSeeOther)
}
