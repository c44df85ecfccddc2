package telegram

import (
	"testing"
	"time"
)

func TestAdminCacheExpires(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	c := newAdminCache(time.Minute, func() time.Time { return now })
	if _, ok := c.get(-1, 7); ok {
		t.Fatal("an empty cache answered")
	}
	c.put(-1, 7, true)
	c.put(-1, 8, false)
	if admin, ok := c.get(-1, 7); !ok || !admin {
		t.Fatalf("fresh answer: admin=%v ok=%v", admin, ok)
	}
	if admin, ok := c.get(-1, 8); !ok || admin {
		t.Fatalf("fresh refusal: admin=%v ok=%v", admin, ok)
	}
	if _, ok := c.get(-2, 7); ok {
		t.Fatal("an answer for one chat was used for another")
	}
	now = now.Add(time.Minute)
	if _, ok := c.get(-1, 7); ok {
		t.Fatal("an answer a minute old is still trusted")
	}
}

func TestAdminCacheStaysBounded(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	c := newAdminCache(time.Minute, func() time.Time { return now })
	for i := range maxAdminEntries {
		c.put(-1, int64(i), true)
	}
	c.put(-2, 1, true) // full of fresh entries: not remembered
	if _, ok := c.get(-2, 1); ok || len(c.entries) != maxAdminEntries {
		t.Fatalf("cache grew beyond its bound: %d entries", len(c.entries))
	}
	now = now.Add(2 * time.Minute)
	c.put(-2, 1, true) // the expired ones make room
	if _, ok := c.get(-2, 1); !ok || len(c.entries) != 1 {
		t.Fatalf("expired entries kept: %d entries", len(c.entries))
	}
}
