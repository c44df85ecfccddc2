package telegram_test

import (
	"strings"
	"testing"
	"time"
)

func TestMuteStopsPushesKeepingFollows(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const muted, other = 931, 932
	h.say(muted, "/follow Venlo")
	h.say(other, "/follow Venlo")
	if got := h.say(muted, "/mute"); !strings.Contains(got.Text, "Stummgeschaltet") {
		t.Fatalf("/mute: %q", got.Text)
	}
	if got := h.say(muted, "/list"); !strings.Contains(got.Text, "Stummgeschaltet bis /unmute") || !strings.Contains(got.Text, "Venlo") {
		t.Errorf("/list of a muted chat: %q", got.Text)
	}
	first := h.publish("Venlo stummgeschaltet", "venlo")
	counts := h.settled(first, 2)
	if counts["sent"] != 1 || counts["skipped"] != 1 {
		t.Errorf("ledger of an article while one chat is muted: %v", counts)
	}
	if n := h.articleMessages("931", first.Title); n != 0 {
		t.Errorf("the muted chat got the article %d times", n)
	}
	if n := h.articleMessages("932", first.Title); n != 1 {
		t.Errorf("the other chat got the article %d times", n)
	}
	if got := h.say(muted, "/unmute"); !strings.Contains(got.Text, "aufgehoben") {
		t.Fatalf("/unmute: %q", got.Text)
	}
	if got := h.say(muted, "/unmute"); !strings.Contains(got.Text, "nicht stummgeschaltet") {
		t.Errorf("/unmute twice: %q", got.Text)
	}
	second := h.publish("Venlo wieder laut", "venlo")
	if counts := h.settled(second, 2); counts["sent"] != 2 {
		t.Errorf("ledger after /unmute: %v", counts)
	}
	if n, m := h.articleMessages("931", second.Title), h.articleMessages("931", first.Title); n != 1 || m != 0 {
		t.Errorf("after /unmute the chat got the new article %d times and the one of its mute %d times", n, m)
	}
	if got := h.follows(muted); len(got) != 1 || got[0] != "venlo" {
		t.Errorf("follows after mute and unmute: %v", got)
	}
}

func TestMuteForADuration(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const chat = 933
	h.say(chat, "/follow Leiden")
	got := h.say(chat, "/mute 8h")
	day := time.Now().Add(8 * time.Hour).UTC().Format("02.01.2006")
	if !strings.Contains(got.Text, "Stummgeschaltet bis "+day) {
		t.Fatalf("/mute 8h: %q", got.Text)
	}
	if got := h.say(chat, "/list"); !strings.Contains(got.Text, "Stummgeschaltet bis "+day) {
		t.Errorf("/list: %q", got.Text)
	}
	a := h.publish("Leiden in der Pause", "leiden")
	if counts := h.settled(a, 1); counts["skipped"] != 1 {
		t.Errorf("ledger while muted for 8h: %v", counts)
	}
	h.say(chat, "/unmute")
	for _, bad := range []string{"1.5h", "-8h", "30s", "400d", "morgen"} {
		got := h.say(chat, "/mute "+bad)
		if !strings.Contains(got.Text, "verstehe ich nicht") || !strings.Contains(got.Text, bad) {
			t.Errorf("/mute %s: %q", bad, got.Text)
		}
	}
	if got := h.say(chat, "/list"); strings.Contains(got.Text, "Stummgeschaltet") {
		t.Errorf("a bad duration muted the chat: %q", got.Text)
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}

func TestOnlyGroupAdminsMute(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const group, admin, member = -1000000000931, 71, 72
	h.fake.SetMember(group, admin, "administrator")
	h.fake.SetMember(group, member, "member")
	h.inGroup(group, admin, 0, "/follow Venlo")
	if got := h.inGroup(group, member, 0, "/mute"); !strings.Contains(got.Text, refusedDE) {
		t.Fatalf("a member's /mute: %q", got.Text)
	}
	if got := h.inGroup(group, member, 0, "/list"); strings.Contains(got.Text, "Stummgeschaltet") {
		t.Fatalf("a member muted the group: %q", got.Text)
	}
	if got := h.inGroup(group, admin, 0, "/mute 1d"); !strings.Contains(got.Text, "Stummgeschaltet bis") {
		t.Fatalf("the administrator's /mute 1d: %q", got.Text)
	}
	if got := h.inGroup(group, member, 0, "/unmute"); !strings.Contains(got.Text, refusedDE) {
		t.Fatalf("a member's /unmute: %q", got.Text)
	}
	if got := h.inGroup(group, member, 0, "/list"); !strings.Contains(got.Text, "Stummgeschaltet bis") {
		t.Fatalf("/list after the member's /unmute: %q", got.Text)
	}
}
