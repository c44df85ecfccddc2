package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Token purposes: a token signed for one is refused for the other.
const (
	PurposeConfirm     = "confirm"
	PurposeUnsubscribe = "unsubscribe"
)

// ErrBadToken is returned for a token that is forged, altered, expired or
// meant for another purpose.
var ErrBadToken = errors.New("digest: invalid or expired link")

// Token is what a confirm or unsubscribe link carries.
type Token struct {
	Purpose   string `json:"p"`
	Recipient string `json:"r"`           // "subscriber:<id>" or "digest:<name>"
	Address   string `json:"a,omitempty"` // the address of a configured digest
	Expires   int64  `json:"e"`           // Unix seconds
}

// Signer signs and checks tokens with HMAC-SHA256 keyed by site.secret.
type Signer struct{ key []byte }

// NewSigner derives the token key from the site secret.
func NewSigner(secret string) Signer {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("partnerfeed email tokens v1"))
	return Signer{key: m.Sum(nil)}
}

// Sign returns the token as URL-safe text: payload "." MAC.
func (s Signer) Sign(t Token) string {
	payload, _ := json.Marshal(t)
	p := base64.RawURLEncoding.EncodeToString(payload)
	return p + "." + base64.RawURLEncoding.EncodeToString(s.mac(p))
}

// Verify checks the MAC, the purpose and the expiry, and returns the token.
func (s Signer) Verify(text, purpose string, now time.Time) (Token, error) {
	// Only the canonical form: base64 decoding would skip inserted newlines.
	if len(text) > 2048 || strings.ContainsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	}) {
		return Token{}, ErrBadToken
	}
	p, m, ok := strings.Cut(text, ".")
	if !ok {
		return Token{}, ErrBadToken
	}
	mac, err := base64.RawURLEncoding.Strict().DecodeString(m)
	if err != nil || !hmac.Equal(mac, s.mac(p)) {
		return Token{}, ErrBadToken
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(p)
	if err != nil {
		return Token{}, ErrBadToken
	}
	var t Token
	if err := json.Unmarshal(raw, &t); err != nil || t.Purpose != purpose || now.Unix() > t.Expires {
		return Token{}, ErrBadToken
	}
	return t, nil
}

func (s Signer) mac(payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// ConfirmTTL is how long a confirmation link works; UnsubscribeTTL how long the
// unsubscribe link of a digest does (a digest kept in a mailbox for over a
// year still reaches the web page, which then explains what to do).
const (
	ConfirmTTL     = 7 * 24 * time.Hour
	UnsubscribeTTL = 400 * 24 * time.Hour
)
