package admin

import (
	"log/slog"
	"net/http"
	"net/mail"
	"net/url"
	"slices"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// digestIssuesShown is how many issues (or slots) the digests page lists per digest.
const digestIssuesShown = 5

type digestView struct {
	Name, Schedule, Next, NextISO, Language string
	To, Partners                            []string
	Issues                                  []issueView
	Slots                                   []slotView // subscriber schedules: per slot
	Configured                              bool
}

type issueView struct {
	Slot, SlotISO, Status, Error string
	Attempts                     int
}

type slotView struct {
	Slot, SlotISO string
	Counts        []statusCount
}

type statusCount struct {
	Status string
	N      int
}

type digestsData struct {
	EmailOff bool
	Digests  []digestView
	Sent     string // "<name>" after a preview went out
	Error    string // why a preview could not be sent
}

// Digests lists each configured digest and each subscriber schedule: its
// schedule, next run, latest issues, and a form sending a preview of the
// next issue to an address.
func (h *Handler) Digests(w http.ResponseWriter, r *http.Request) {
	d, err := h.digestsView(r)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	d.Sent = r.URL.Query().Get("sent")
	h.render(w, r, http.StatusOK, "digests", view{Data: d})
}

func (h *Handler) digestsView(r *http.Request) (digestsData, error) {
	ctx, lang := r.Context(), h.Pages.Language(r)
	if h.Config.Email == nil {
		return digestsData{EmailOff: true}, nil
	}
	var d digestsData
	now := h.now()
	next := func(v *digestView, expr string) {
		if s, err := digest.ParseSchedule(expr, h.Config.Location); err == nil {
			n := s.Next(now)
			v.Next, v.NextISO = h.when(lang, n), iso(n)
		}
	}
	for _, dg := range h.Config.Email.Digests {
		v := digestView{Name: dg.Name, Schedule: dg.Schedule, To: dg.To, Language: dg.Language,
			Partners: h.slugNames(lang, dg.Partners), Configured: true}
		next(&v, dg.Schedule)
		issues, err := h.Store.LatestDigestIssues(ctx, store.DigestRecipient(dg.Name), digestIssuesShown)
		if err != nil {
			return d, err
		}
		for _, iss := range issues {
			v.Issues = append(v.Issues, issueView{Slot: h.when(lang, iss.Slot), SlotISO: iso(iss.Slot),
				Status: iss.Status, Error: iss.LastError, Attempts: iss.Attempts})
		}
		d.Digests = append(d.Digests, v)
	}
	var keys []string
	for k := range h.Config.Email.SubscriberSchedules {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := digestView{Name: k, Schedule: h.Config.Email.SubscriberSchedules[k]}
		next(&v, v.Schedule)
		slots, err := h.Store.LatestScheduleSlots(ctx, k, digestIssuesShown)
		if err != nil {
			return d, err
		}
		for _, s := range slots {
			sv := slotView{Slot: h.when(lang, s.Slot), SlotISO: iso(s.Slot)}
			for _, st := range []string{store.IssueSent, store.IssuePending, store.IssueFailed, store.IssueEmpty, store.IssuePaused} {
				if n := s.ByStatus[st]; n > 0 {
					sv.Counts = append(sv.Counts, statusCount{Status: st, N: n})
				}
			}
			v.Slots = append(v.Slots, sv)
		}
		d.Digests = append(d.Digests, v)
	}
	return d, nil
}

// previewRecord is what the audit log keeps of a preview sent.
type previewRecord struct {
	To    string `json:"to"`
	Items int    `json:"items"`
}

// PreviewDigest sends what the configured digest's next issue would hold
// now to the address in the form field "to", marking nothing as sent (as
// `partnerfeed digest --name N --to ADDR` does), and records it in the
// audit log.
func (h *Handler) PreviewDigest(w http.ResponseWriter, r *http.Request) {
	name, ss := r.PathValue("name"), current(r)
	svc := h.digestService()
	if svc == nil {
		h.NotFound(w, r)
		return
	}
	rcpt, err := svc.DigestRecipient(name)
	if err != nil {
		h.NotFound(w, r)
		return
	}
	to, err := mail.ParseAddress(r.PostFormValue("to"))
	if err != nil {
		h.previewFailed(w, r, "preview_bad_address")
		return
	}
	ctx := r.Context()
	msg, items, err := svc.PreviewMessage(ctx, rcpt, to.Address)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	if res := svc.Mailer.Send(ctx, []mailer.Message{msg}); res[0].Err != nil {
		h.Log.Error("Console digest preview not sent", slog.String("digest", name), slog.Any("error", res[0].Err))
		h.previewFailed(w, r, "preview_not_sent")
		return
	}
	err = h.Store.AddAudit(ctx, store.AuditEntry{At: h.now(), Actor: ss.Username, Action: "digest.preview",
		Object: "digest:" + name, After: store.AuditJSON(previewRecord{To: to.Address, Items: items})})
	if err != nil {
		h.internal(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/digests?sent="+url.QueryEscape(name)+"#digest-"+name, http.StatusSeeOther)
}

// previewFailed shows the digests page again with why the preview was not sent (422).
func (h *Handler) previewFailed(w http.ResponseWriter, r *http.Request, key string) {
	d, err := h.digestsView(r)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	d.Error = key
	h.render(w, r, http.StatusUnprocessableEntity, "digests", view{Data: d})
}

// digestService is the digest service previews are sent with (nil when
// email is off), built once.
func (h *Handler) digestService() *digest.Service {
	h.ops.once.Do(func() {
		if h.Config.Email == nil {
			return
		}
		svc, err := digest.New(h.Config, h.Store, h.Log)
		if err != nil {
			h.Log.Error("Console digest previews off", slog.Any("error", err))
			return
		}
		h.ops.digests = svc
	})
	return h.ops.digests
}
