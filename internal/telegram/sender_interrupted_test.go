package telegram_test

import (
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// A row a dead replica left in sending may have been delivered: the sweep
// returns it to pending and it is sent again, counted once as a possible
// duplicate (and only that resend: its first send was not counted).
func TestInterruptedRowCountedAsPossibleDuplicate(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.startSweepDone()
	h.say(1211, "/follow venlo")
	a, ids := h.ledgerOnly("Venlo: unterbrochen", "venlo")
	rows, err := h.store.ClaimDeliveries(h.ctx, a.ID, telegram.Channel, ids[0], ids[0], 1, "dead-replica")
	if err != nil || len(rows) != 1 {
		t.Fatalf("claimed %v (%v), want the row", rows, err)
	}
	dups := counter(t, "partnerfeed_telegram_possible_duplicates_total")
	if n, err := h.bot.Sweep(h.ctx, h.river, map[string]bool{"dead-replica": true}); err != nil || n != 1 {
		t.Fatalf("the sweep re-queued %d rows (%v), want the dead replica's row", n, err)
	}
	if c := h.settled(a, 1); c["sent"] != 1 {
		t.Fatalf("ledger %v", c)
	}
	if n := h.articleMessages("1211", a.Title); n != 1 {
		t.Fatalf("the article arrived %d times, want once", n)
	}
	if d := counter(t, "partnerfeed_telegram_possible_duplicates_total") - dups; d != 1 {
		t.Errorf("possible duplicates counted %v, want 1 (the interrupted row resent)", d)
	}
}
