package telegram_test

import (
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// An outcome the sender could not store fails the send job: the database
// refuses to mark a row sent (a trigger stands in for a failing commit),
// and the job reports the error so that River retries it, instead of
// completing with the row left in sending.
func TestUnstoredOutcomeFailsTheJob(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(721, "/follow leiden")
	refuseSent(t, h.store)
	a := h.publish("Leiden ohne Quittung", "leiden")
	h.sendJobFails("its outcome not stored")
	if n := h.articleMessages("721", "Leiden ohne Quittung"); n != 1 {
		t.Fatalf("the chat got the article %d times, want once (the outcome was what failed)", n)
	}
	counts, err := h.store.DeliveryCounts(h.ctx, a.ID, telegram.Channel)
	if err != nil || counts["sending"] != 1 {
		t.Fatalf("ledger %v (%v), want the row still in sending (its outcome refused)", counts, err)
	}
}

// refuseSent makes the database refuse every update that marks a ledger row sent.
func refuseSent(t *testing.T, st *store.Store) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER refuse_sent BEFORE UPDATE ON deliveries
		WHEN NEW.status = 'sent' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`}
	if st.Dialect == store.Postgres {
		stmts = []string{`CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
			`CREATE TRIGGER refuse_sent BEFORE UPDATE ON deliveries FOR EACH ROW
			WHEN (NEW.status = 'sent') EXECUTE FUNCTION refuse_sent()`}
	}
	for _, q := range stmts {
		if _, err := st.DB.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// Rows the sender cannot address (a recipient that is neither a chat id nor
// an @channel; config validation refuses such a channel, set here after it)
// go back to pending with the reason, nothing is sent, and the job fails so
// that River retries it.
func TestUnaddressableRowsFailTheJob(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) {
		for _, p := range testPartners() {
			tg.Channels[p.Slug] = "kanal-" + p.Slug
		}
	})
	var slugs []string
	for _, p := range testPartners() {
		slugs = append(slugs, p.Slug)
	}
	a := h.publish("Alle Partner", slugs...)
	h.sendJobFails("its rows left in pending")
	if st := h.fake.Stats(); st.Messages != 0 {
		t.Errorf("the fake got %d messages, want none", st.Messages)
	}
	rows, err := h.store.DB.QueryContext(h.ctx, `SELECT status, last_error FROM deliveries WHERE article_id = $1 AND channel = $2`,
		a.ID, telegram.Channel)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var status, lastError string
		if err := rows.Scan(&status, &lastError); err != nil {
			t.Fatal(err)
		}
		n++
		if status == "sent" || !strings.Contains(lastError, "bad recipient") {
			t.Errorf("row %s, last error %q: want it back to pending (or claimed again) for its bad recipient", status, lastError)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(slugs) {
		t.Fatalf("%d rows, want one per channel (%d)", n, len(slugs))
	}
}
