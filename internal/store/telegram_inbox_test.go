package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestTelegramInbox(t *testing.T) { storetest.Each(t, testTelegramInbox) }

func testTelegramInbox(t *testing.T, s *store.Store) {
	ctx := context.Background()
	at := time.UnixMilli(1_700_000_000_000)
	up := func(id int, chat int64) store.TelegramUpdate {
		return store.TelegramUpdate{ID: id, ChatID: chat, Payload: `{"update_id":` + strconv.Itoa(id) + `}`, ReceivedAt: at}
	}
	ids := func(us []store.TelegramUpdate) []int {
		var out []int
		for _, u := range us {
			out = append(out, u.ID)
		}
		return out
	}
	got, err := s.AcceptTelegramUpdates(ctx, []store.TelegramUpdate{up(7, 1), up(5, 2), up(6, 1)})
	if err != nil || len(got) != 3 {
		t.Fatalf("accept: %v %v", ids(got), err)
	}
	if off, _ := s.TelegramUpdateOffset(ctx); off != 8 {
		t.Fatalf("offset %d, want 8", off)
	}
	// Telegram sends 7 again with 8: 7 is below the offset now.
	got, err = s.AcceptTelegramUpdates(ctx, []store.TelegramUpdate{up(7, 1), up(8, 3)})
	if err != nil || len(got) != 1 || got[0].ID != 8 {
		t.Fatalf("accept again: %v %v", ids(got), err)
	}
	inbox, err := s.TelegramInbox(ctx)
	if err != nil || len(inbox) != 4 || inbox[0].ID != 5 || inbox[3].ID != 8 {
		t.Fatalf("inbox %v %v", ids(inbox), err)
	}
	if inbox[0].ChatID != 2 || inbox[0].Payload != up(5, 2).Payload || !inbox[0].ReceivedAt.Equal(at) {
		t.Fatalf("row %+v", inbox[0])
	}
	// A lower offset (another replica's late request) never moves it back.
	if err := s.SetTelegramUpdateOffset(ctx, 20); err != nil {
		t.Fatal(err)
	}
	if got, err = s.AcceptTelegramUpdates(ctx, []store.TelegramUpdate{up(9, 1)}); err != nil || len(got) != 0 {
		t.Fatalf("below the offset: %v %v", ids(got), err)
	}
	if off, _ := s.TelegramUpdateOffset(ctx); off != 20 {
		t.Fatalf("offset moved back to %d", off)
	}
	for _, id := range []int{5, 6, 7} {
		if err := s.FinishTelegramUpdate(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if inbox, _ = s.TelegramInbox(ctx); len(inbox) != 1 || inbox[0].ID != 8 {
		t.Fatalf("inbox after finishing: %v", ids(inbox))
	}
}
