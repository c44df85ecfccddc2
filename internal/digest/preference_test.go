package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A preference link names its subscriber and is bound to its address.
func TestManageToken(t *testing.T) {
	s, err := digest.New(testConfig(2525), nil, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	sub := store.EmailSubscriber{ID: 42, Email: "a@example.org"}
	u := s.ManageURL(sub, time.Now().Add(time.Hour))
	tok, ok := strings.CutPrefix(u, "https://city.example/subscription/")
	if !ok || strings.Contains(u, "example.org") {
		t.Fatalf("preference URL %q", u)
	}
	id, owns, err := s.ManageTarget(tok, time.Now())
	if err != nil || id != 42 || !owns("a@example.org") || owns("b@example.org") {
		t.Errorf("target: %d %v", id, err)
	}
	if _, _, err := s.ManageTarget(tok, time.Now().Add(2*time.Hour)); err == nil {
		t.Error("an expired link accepted")
	}
}

func FuzzManageTarget(f *testing.F) {
	s, err := digest.New(testConfig(2525), nil, quietLog())
	if err != nil {
		f.Fatal(err)
	}
	good := s.ManageToken(store.EmailSubscriber{ID: 7, Email: "a@example.org"}, time.Unix(1<<40, 0))
	f.Add(good)
	f.Add(s.Signer.Sign(digest.Token{Purpose: digest.PurposeManage, Recipient: "subscriber:07", Expires: 1 << 40}))
	f.Add(s.Signer.Sign(digest.Token{Purpose: digest.PurposeManage, Recipient: "digest:x", Expires: 1 << 40}))
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		id, owns, err := s.ManageTarget(text, time.Unix(0, 0))
		if err != nil {
			return
		}
		// Only what the signer made verifies, and only for a canonical subscriber id.
		if id <= 0 || owns == nil || s.Signer.Sign(mustVerify(t, s, text)) != text {
			t.Errorf("accepted %q as subscriber %d", text, id)
		}
	})
}

func mustVerify(t *testing.T, s *digest.Service, text string) digest.Token {
	tok, err := s.Signer.Verify(text, digest.PurposeManage, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
