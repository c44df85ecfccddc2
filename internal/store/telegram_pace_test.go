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
		slot, ok, _, err := s.TakeTelegramSlot(ctx, now, lease, window)
		if err != nil || !ok {
			t.Fatalf("take: %v %v", ok, err)
		}
		taken = append(taken, slot)
	}
	if taken[0] == taken[1] {
		t.Fatalf("the same slot twice: %v", taken)
	}
	if _, ok, next, err := s.TakeTelegramSlot(ctx, now, lease, window); err != nil || ok || !next.Equal(lease.Add(window)) {
		t.Fatalf("third take: ok %v next %v err %v, want a wait until the lease end plus a window", ok, next, err)
	}
	if err := s.CompleteTelegramSlot(ctx, taken[0], now.Add(100*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _, _ := s.TakeTelegramSlot(ctx, now.Add(time.Second), lease, window); ok {
		t.Fatal("slot free before a window after its completion")
	}
	if slot, ok, _, _ := s.TakeTelegramSlot(ctx, now.Add(1100*time.Millisecond), lease, window); !ok || slot != taken[0] {
		t.Fatalf("completed slot not free a window later: %v %v", slot, ok)
	}
	// Slowed down: the window doubles.
	s.CompleteTelegramSlot(ctx, taken[0], now)
	if err := s.SlowTelegramBot(ctx, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _, _ := s.TakeTelegramSlot(ctx, now.Add(1500*time.Millisecond), lease, window); ok {
		t.Fatal("slot free within the doubled window")
	}
	if _, ok, _, _ := s.TakeTelegramSlot(ctx, now.Add(2000*time.Millisecond), lease, window); !ok {
		t.Fatal("slot not free after the doubled window")
	}
	if err := s.EnsureTelegramSlots(ctx, 1); err != nil {
		t.Fatal(err)
	}
}

func TestTelegramChatPace(t *testing.T) { storetest.Each(t, testTelegramChatPace) }

func testTelegramChatPace(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.UnixMilli(1_000_000)
	if ok, err := s.TakeTelegramChat(ctx, "42", now, now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("first take: %v %v", ok, err)
	}
	if ok, _ := s.TakeTelegramChat(ctx, "42", now, now.Add(time.Minute)); ok {
		t.Fatal("busy chat taken twice")
	}
	if ok, _ := s.TakeTelegramChat(ctx, "43", now, now.Add(time.Minute)); !ok {
		t.Fatal("another chat not free")
	}
	if ok, _ := s.TakeTelegramChat(ctx, "42", now.Add(2*time.Minute), now.Add(3*time.Minute)); !ok {
		t.Fatal("expired lease (crashed replica) not free")
	}
	if err := s.ReleaseTelegramChat(ctx, "42", now.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.TakeTelegramChat(ctx, "42", now.Add(2*time.Minute), now.Add(time.Hour)); ok {
		t.Fatal("chat taken before its gap passed")
	}
	if err := s.DelayTelegramChat(ctx, "42", now.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.TakeTelegramChat(ctx, "42", now.Add(5*time.Minute), now.Add(time.Hour)); ok {
		t.Fatal("chat taken before its 429 delay passed")
	}
	if ok, _ := s.TakeTelegramChat(ctx, "42", now.Add(10*time.Minute), now.Add(time.Hour)); !ok {
		t.Fatal("chat not free after its delay")
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

func testTelegramSendRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if err := s.EnsureTelegramSlots(ctx, 1); err != nil {
		t.Fatal(err)
	}
	now := time.UnixMilli(1_000_000)
	lease := now.Add(time.Minute)
	chatOK, slotOK, slot, err := s.TakeTelegramSend(ctx, "7", now, lease, time.Second)
	if err != nil || !chatOK || !slotOK || slot != 0 {
		t.Fatalf("first send: chat %v slot %v (%d) err %v", chatOK, slotOK, slot, err)
	}
	if chatOK, slotOK, _, _ := s.TakeTelegramSend(ctx, "7", now, lease, time.Second); chatOK || slotOK {
		t.Fatal("busy chat taken again")
	}
	if chatOK, slotOK, _, _ := s.TakeTelegramSend(ctx, "8", now, lease, time.Second); !chatOK || slotOK {
		t.Fatalf("other chat: chat %v slot %v, want the chat without a slot (the only one is in flight)", chatOK, slotOK)
	}
	if err := s.FinishTelegramSend(ctx, "7", slot, now.Add(10*time.Millisecond), now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _, _ := s.TakeTelegramSlot(ctx, now.Add(500*time.Millisecond), lease, time.Second); ok {
		t.Fatal("slot free before a window after its completion")
	}
	if chatOK, _, _, _ := s.TakeTelegramSend(ctx, "7", now.Add(500*time.Millisecond), lease, time.Second); chatOK {
		t.Fatal("chat free before its gap")
	}
	if chatOK, slotOK, _, _ := s.TakeTelegramSend(ctx, "7", now.Add(1100*time.Millisecond), lease, time.Second); !chatOK || !slotOK {
		t.Fatalf("after the gap and the window: chat %v slot %v", chatOK, slotOK)
	}
}
