package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestTelegramSlots(t *testing.T) { storetest.Each(t, testTelegramSlots) }

func testTelegramSlots(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if err := s.EnsureTelegramSlots(ctx, 2); err != nil {
		t.Fatal(err)
	}
	now := time.UnixMilli(1_000_000)
	window := time.Second
	lease := now.Add(time.Minute)
	var taken []int
	for range 2 {
		slot, ok, _, err := s.TakeTelegramSlot(ctx, now, lease, window, "r")
		if err != nil || !ok {
			t.Fatalf("take: %v %v", ok, err)
		}
		taken = append(taken, slot)
	}
	if taken[0] == taken[1] {
		t.Fatalf("the same slot twice: %v", taken)
	}
	if _, ok, next, err := s.TakeTelegramSlot(ctx, now, lease, window, "r"); err != nil || ok || !next.Equal(lease.Add(window)) {
		t.Fatalf("third take: ok %v next %v err %v, want a wait until the lease end plus a window", ok, next, err)
	}
	if err := s.CompleteTelegramSlot(ctx, taken[0], now.Add(100*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _, err := s.TakeTelegramSlot(ctx, now.Add(time.Second), lease, window, "r"); err != nil || ok {
		t.Fatalf("slot free before a window after its completion (%v)", err)
	}
	if slot, ok, _, err := s.TakeTelegramSlot(ctx, now.Add(1100*time.Millisecond), lease, window, "r"); err != nil || !ok || slot != taken[0] {
		t.Fatalf("completed slot not free a window later: %v %v (%v)", slot, ok, err)
	}
	// Slowed down: the window doubles.
	s.CompleteTelegramSlot(ctx, taken[0], now)
	if err := s.SlowTelegramBot(ctx, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _, err := s.TakeTelegramSlot(ctx, now.Add(1500*time.Millisecond), lease, window, "r"); err != nil || ok {
		t.Fatalf("slot free within the doubled window (%v)", err)
	}
	if _, ok, _, err := s.TakeTelegramSlot(ctx, now.Add(2000*time.Millisecond), lease, window, "r"); err != nil || !ok {
		t.Fatalf("slot not free after the doubled window (%v)", err)
	}
	if err := s.EnsureTelegramSlots(ctx, 1); err != nil {
		t.Fatal(err)
	}
}

func TestTelegramChatPace(t *testing.T) { storetest.Each(t, testTelegramChatPace) }

func testTelegramChatPace(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.UnixMilli(1_000_000)
	if ok, err := s.TakeTelegramChat(ctx, "42", now, now.Add(time.Minute), "r"); err != nil || !ok {
		t.Fatalf("first take: %v %v", ok, err)
	}
	if ok, err := s.TakeTelegramChat(ctx, "42", now, now.Add(time.Minute), "r"); err != nil || ok {
		t.Fatalf("busy chat taken twice (%v)", err)
	}
	if ok, err := s.TakeTelegramChat(ctx, "43", now, now.Add(time.Minute), "r"); err != nil || !ok {
		t.Fatalf("another chat not free (%v)", err)
	}
	if ok, err := s.TakeTelegramChat(ctx, "42", now.Add(2*time.Minute), now.Add(3*time.Minute), "r"); err != nil || !ok {
		t.Fatalf("expired lease (crashed replica) not free (%v)", err)
	}
	if err := s.ReleaseTelegramChat(ctx, "42", now.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.TakeTelegramChat(ctx, "42", now.Add(2*time.Minute), now.Add(time.Hour), "r"); err != nil || ok {
		t.Fatalf("chat taken before its gap passed (%v)", err)
	}
	if err := s.DelayTelegramChat(ctx, "42", now.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.TakeTelegramChat(ctx, "42", now.Add(5*time.Minute), now.Add(time.Hour), "r"); err != nil || ok {
		t.Fatalf("chat taken before its 429 delay passed (%v)", err)
	}
	if ok, err := s.TakeTelegramChat(ctx, "42", now.Add(10*time.Minute), now.Add(time.Hour), "r"); err != nil || !ok {
		t.Fatalf("chat not free after its delay (%v)", err)
	}
}

func TestLease(t *testing.T) { storetest.Each(t, testLease) }

func testLease(t *testing.T, s *store.Store) {
	ctx := context.Background()
	l, ok, err := s.TryLease(ctx, "poll")
	if err != nil || !ok {
		t.Fatalf("first lease: %v %v", ok, err)
	}
	if err := l.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Dialect == store.Postgres {
		if _, ok, err := s.TryLease(ctx, "poll"); err != nil || ok {
			t.Fatalf("second holder: ok %v err %v", ok, err)
		}
	}
	l.Release()
	l2, ok, err := s.TryLease(ctx, "poll")
	if err != nil || !ok {
		t.Fatalf("lease after release: %v %v", ok, err)
	}
	l2.Release()
}

func TestTelegramSendRoundTrip(t *testing.T) { storetest.Each(t, testTelegramSendRoundTrip) }

// take is TakeTelegramSends for one chat.
func take(t *testing.T, s *store.Store, chat string, now, lease time.Time) store.TelegramTake {
	t.Helper()
	got, err := s.TakeTelegramSends(context.Background(), []string{chat}, now, lease, time.Second, "r")
	if err != nil {
		t.Fatal(err)
	}
	return got[0]
}

func testTelegramSendRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if err := s.EnsureTelegramSlots(ctx, 1); err != nil {
		t.Fatal(err)
	}
	now := time.UnixMilli(1_000_000)
	lease := now.Add(time.Minute)
	first := take(t, s, "7", now, lease)
	if !first.ChatOK || !first.SlotOK || first.Slot != 0 {
		t.Fatalf("first send: %+v", first)
	}
	if got := take(t, s, "7", now, lease); got.ChatOK || got.SlotOK {
		t.Fatal("busy chat taken again")
	}
	if got := take(t, s, "8", now, lease); !got.ChatOK || got.SlotOK {
		t.Fatalf("other chat: %+v, want the chat without a slot (the only one is in flight)", got)
	}
	err := s.FinishTelegramSends(ctx, []store.TelegramFinish{{Chat: "7", Slot: first.Slot, At: now.Add(10 * time.Millisecond), Next: now.Add(time.Second)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _, err := s.TakeTelegramSlot(ctx, now.Add(500*time.Millisecond), lease, time.Second, "r"); err != nil || ok {
		t.Fatalf("slot free before a window after its completion (%v)", err)
	}
	if got := take(t, s, "7", now.Add(500*time.Millisecond), lease); got.ChatOK {
		t.Fatal("chat free before its gap")
	}
	if got := take(t, s, "7", now.Add(1100*time.Millisecond), lease); !got.ChatOK || !got.SlotOK {
		t.Fatalf("after the gap and the window: %+v", got)
	}
}

func TestTelegramSendsBatch(t *testing.T) { storetest.Each(t, testTelegramSendsBatch) }

// Many chats in one take: each free chat is held once (also when named
// twice), busy ones are not, and there are only as many slots as the
// window has free.
func testTelegramSendsBatch(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if err := s.EnsureTelegramSlots(ctx, 3); err != nil {
		t.Fatal(err)
	}
	now := time.UnixMilli(1_000_000)
	lease := now.Add(time.Minute)
	if busy := take(t, s, "busy", now, lease); !busy.SlotOK {
		t.Fatalf("busy: %+v", busy)
	}
	got, err := s.TakeTelegramSends(ctx, []string{"c", "a", "busy", "b", "a"}, now, lease, time.Second, "r")
	if err != nil {
		t.Fatal(err)
	}
	chats, slots := 0, map[int]bool{}
	for i, g := range got {
		if g.ChatOK {
			chats++
		}
		if g.SlotOK {
			slots[g.Slot] = true
		}
		if g.SlotOK && !g.ChatOK {
			t.Errorf("take %d: a slot without its chat", i)
		}
	}
	if got[2].ChatOK || got[4].ChatOK || !got[1].ChatOK {
		t.Errorf("busy chat or a chat named twice taken twice: %+v", got)
	}
	if chats != 3 || len(slots) != 2 {
		t.Fatalf("held %d chats and %d distinct slots, want 3 chats and the 2 free slots: %+v", chats, len(slots), got)
	}
	var done []store.TelegramFinish
	for i, g := range got {
		if g.SlotOK {
			done = append(done, store.TelegramFinish{Chat: []string{"c", "a", "busy", "b", "a"}[i], Slot: g.Slot, At: now, Next: now})
		}
	}
	if err := s.FinishTelegramSends(ctx, done); err != nil {
		t.Fatal(err)
	}
	again, err := s.TakeTelegramSends(ctx, []string{"a", "b", "c"}, now.Add(2*time.Second), lease, time.Second, "r")
	if err != nil {
		t.Fatal(err)
	}
	free := 0
	for _, g := range again {
		if g.ChatOK {
			free++
		}
	}
	if free != 2 { // the chat that got no slot is still held until its lease ends
		t.Fatalf("after finishing: %d chats free, want 2: %+v", free, again)
	}
}
