package jobs

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/riverqueue/river"
)

type slotArgs struct {
	Source string `json:"source"`
}

func (slotArgs) Kind() string { return "test_slot" }

// TestSlotInsertedOnce inserts the same slot twice, as two processes would
// around a change of leader: River keeps one job. Another slot or other
// arguments make another job.
func TestSlotInsertedOnce(t *testing.T) {
	ctx := context.Background()
	st := storetest.OpenDefault(t)
	client, err := NewClient(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	slot := time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)
	insert := func(source string, at time.Time) bool {
		args, opts := uniqueSlots(func() (river.JobArgs, *river.InsertOpts) { return slotArgs{source}, nil })()
		opts.ScheduledAt = at // what River's periodic enqueuer sets
		res, err := client.Insert(ctx, args, opts)
		if err != nil {
			t.Fatal(err)
		}
		return !res.UniqueSkippedAsDuplicate
	}
	for _, c := range []struct {
		name   string
		source string
		at     time.Time
		want   bool
	}{
		{"first insert", "presse", slot, true},
		{"same slot again", "presse", slot, false},
		{"next slot", "presse", slot.Add(15 * time.Minute), true},
		{"other source, same slot", "feed", slot, true},
	} {
		if got := insert(c.source, c.at); got != c.want {
			t.Errorf("%s: inserted %v, want %v", c.name, got, c.want)
		}
	}
}
