package subscribe

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// export is what a subscriber's data download holds: everything kept about
// the address.
type export struct {
	Email       string     `json:"email"`
	Status      string     `json:"status"`
	Partners    []string   `json:"partners"`
	Schedule    string     `json:"schedule"`
	Language    string     `json:"language"`
	RequestedAt time.Time  `json:"requested_at"`
	ConfirmedAt *time.Time `json:"confirmed_at,omitempty"`
	// Consent is the record of what was consented to, and how.
	Consent string `json:"consent"`
	// ConsentIPHash is the keyed hash of the address the confirmation came
	// from (email.consent_ip), not the address itself.
	ConsentIPHash string     `json:"consent_ip_hash,omitempty"`
	PausedAt      *time.Time `json:"paused_at,omitempty"`
	Bounces       int        `json:"hard_bounces"`
	SuppressedAt  *time.Time `json:"suppressed_at,omitempty"`
}

// Data serves GET /subscription/{token}/data: the subscriber's data as a
// JSON download.
func (h *Handler) Data(w http.ResponseWriter, r *http.Request) {
	sub, ok := h.manageTarget(w, r)
	if !ok {
		return
	}
	x := export{Email: sub.Email, Status: sub.Status, Partners: sub.Partners, Schedule: sub.Schedule,
		Language: sub.Language, RequestedAt: sub.CreatedAt.UTC(), Consent: sub.Consent, ConsentIPHash: sub.ConsentIP,
		Bounces: sub.Bounces, ConfirmedAt: optTime(sub.ConfirmedAt), PausedAt: optTime(sub.PausedAt),
		SuppressedAt: optTime(sub.SuppressedAt)}
	if x.Partners == nil {
		x.Partners = []string{}
	}
	if sub.Status != store.SubscriberConfirmed {
		x.ConfirmedAt = nil
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="subscription.json"`)
	hd.Set("Cache-Control", "no-store")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Content-Type-Options", "nosniff")
	w.Write(append(b, '\n'))
}

// optTime is t in UTC, or nil for the zero time (or the Unix epoch, which
// the store reads for "never").
func optTime(t time.Time) *time.Time {
	if t.IsZero() || t.Unix() == 0 {
		return nil
	}
	u := t.UTC()
	return &u
}
