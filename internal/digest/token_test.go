package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
)

// A token verifies for its purpose until it expires; altered, forged,
// expired, misused or non-canonical tokens are refused.
func TestTokenVerify(t *testing.T) {
	s := digest.NewSigner("a-test-secret-of-enough-length")
	now := time.Unix(1_800_000_000, 0)
	tok := digest.Token{Purpose: digest.PurposeUnsubscribe, Recipient: "subscriber:7", Expires: now.Unix() + 60}
	good := s.Sign(tok)
	got, err := s.Verify(good, digest.PurposeUnsubscribe, now)
	if err != nil || got != tok {
		t.Fatalf("valid token: %+v %v", got, err)
	}
	if _, err := s.Verify(good, digest.PurposeUnsubscribe, now.Add(60*time.Second)); err != nil {
		t.Errorf("token refused in its last second: %v", err)
	}
	// The longest token accepted is 2048 characters.
	long := tok
	for n := 0; len(s.Sign(long)) < 2048; n++ {
		long.Recipient = "subscriber:" + strings.Repeat("9", n)
	}
	if text := s.Sign(long); len(text) != 2048 {
		t.Fatalf("no token of 2048 characters (%d)", len(text))
	} else if _, err := s.Verify(text, digest.PurposeUnsubscribe, now); err != nil {
		t.Errorf("a token of 2048 characters refused: %v", err)
	}
	payload, mac, _ := strings.Cut(good, ".")
	forged := s.Sign(digest.Token{Purpose: digest.PurposeUnsubscribe, Recipient: "subscriber:8", Expires: tok.Expires})
	flip := map[byte]byte{'A': 'B'}[mac[0]]
	if flip == 0 {
		flip = 'A'
	}
	for name, c := range map[string]struct {
		text, purpose string
		at            time.Time
	}{
		"expired":         {good, digest.PurposeUnsubscribe, now.Add(61 * time.Second)},
		"other purpose":   {good, digest.PurposeConfirm, now},
		"altered MAC":     {payload + "." + string(flip) + mac[1:], digest.PurposeUnsubscribe, now},
		"swapped payload": {strings.SplitN(forged, ".", 2)[0] + "." + mac, digest.PurposeUnsubscribe, now},
		"other secret":    {digest.NewSigner("another-secret-of-enough-length").Sign(tok), digest.PurposeUnsubscribe, now},
		"no MAC":          {payload, digest.PurposeUnsubscribe, now},
		"newline inside":  {payload[:5] + "\n" + payload[5:] + "." + mac, digest.PurposeUnsubscribe, now},
		"padding":         {payload + "=." + mac, digest.PurposeUnsubscribe, now},
		"too long":        {good + strings.Repeat("A", 2048), digest.PurposeUnsubscribe, now},
		"empty":           {"", digest.PurposeUnsubscribe, now},
	} {
		if got, err := s.Verify(c.text, c.purpose, c.at); err != digest.ErrBadToken {
			t.Errorf("%s: %+v %v, want ErrBadToken", name, got, err)
		}
	}
}
