package activitypub

import (
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-fed/httpsig"
)

// signedHeaders are the headers every signature covers, ours and the ones
// the inbox requires (the draft-cavage form Mastodon uses).
var signedHeaders = []string{httpsig.RequestTarget, "host", "date", "digest"}

// MaxClockSkew is how far a request's Date may be from now.
const MaxClockSkew = 12 * time.Hour

// Sign sets Date, Digest (SHA-256 of body) and Signature (rsa-sha256 over
// signedHeaders) on req with the private key named keyID.
func Sign(req *http.Request, body []byte, key *rsa.PrivateKey, keyID string) error {
	return SignAt(req, body, key, keyID, time.Now())
}

// SignAt is Sign with the Date t (tests sign stale requests with it).
func SignAt(req *http.Request, body []byte, key *rsa.PrivateKey, keyID string, t time.Time) error {
	req.Header.Set("Date", t.UTC().Format(http.TimeFormat))
	if req.Header.Get("Host") == "" {
		req.Header.Set("Host", req.URL.Host)
	}
	headers := signedHeaders
	if body == nil { // a GET: no Digest
		headers = signedHeaders[:3]
	}
	signer, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		headers, httpsig.Signature, 0)
	if err != nil {
		return fmt.Errorf("activitypub: signer: %w", err)
	}
	if err := signer.SignRequest(key, keyID, req, body); err != nil {
		return fmt.Errorf("activitypub: sign: %w", err)
	}
	return nil
}

// SignatureParams are the parameters of a Signature header (draft-cavage).
type SignatureParams struct {
	KeyID     string
	Algorithm string
	Headers   []string
	Signature string
}

// ParseSignature parses a Signature header's parameters (keyId="…",
// headers="…", signature="…"); keyId and signature are required, and
// headers defaults to "date" as the draft says.
func ParseSignature(h string) (SignatureParams, error) {
	var p SignatureParams
	for h = strings.TrimSpace(h); h != ""; {
		eq := strings.IndexByte(h, '=')
		if eq <= 0 || len(h) < eq+2 || h[eq+1] != '"' {
			return p, errors.New("activitypub: malformed Signature header")
		}
		name := strings.ToLower(strings.TrimSpace(h[:eq]))
		rest := h[eq+2:]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			return p, errors.New("activitypub: unterminated value in Signature header")
		}
		v := rest[:end]
		switch name {
		case "keyid":
			p.KeyID = v
		case "algorithm":
			p.Algorithm = v
		case "headers":
			p.Headers = strings.Fields(strings.ToLower(v))
		case "signature":
			p.Signature = v
		}
		h = strings.TrimSpace(rest[end+1:])
		if h != "" {
			if h[0] != ',' {
				return p, errors.New("activitypub: malformed Signature header")
			}
			h = strings.TrimSpace(h[1:])
		}
	}
	if p.KeyID == "" || p.Signature == "" {
		return p, errors.New("activitypub: Signature header lacks keyId or signature")
	}
	if _, err := base64.StdEncoding.DecodeString(p.Signature); err != nil {
		return p, errors.New("activitypub: Signature is not base64")
	}
	if len(p.Headers) == 0 {
		p.Headers = []string{"date"}
	}
	return p, nil
}

// checkRequest checks what a signed inbox request must carry besides a
// valid signature: a Signature covering (request-target), host, date and
// digest, a Date within MaxClockSkew of now, and a SHA-256 Digest of body.
func checkRequest(r *http.Request, body []byte, now time.Time) (SignatureParams, error) {
	p, err := ParseSignature(r.Header.Get("Signature"))
	if err != nil {
		return p, err
	}
	for _, h := range signedHeaders {
		if !slices.Contains(p.Headers, h) {
			return p, fmt.Errorf("activitypub: the signature does not cover %s", h)
		}
	}
	date, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return p, fmt.Errorf("activitypub: bad Date: %w", err)
	}
	if d := now.Sub(date); d > MaxClockSkew || d < -MaxClockSkew {
		return p, fmt.Errorf("activitypub: Date %s is more than %s away", date.Format(time.RFC3339), MaxClockSkew)
	}
	if err := CheckDigest(r.Header.Values("Digest"), body); err != nil {
		return p, err
	}
	return p, nil
}

// CheckDigest checks that one of the Digest values is a SHA-256 of body
// (other algorithms are ignored; a SHA-256 one is required).
func CheckDigest(values []string, body []byte) error {
	sum := sha256.Sum256(body)
	want := base64.StdEncoding.EncodeToString(sum[:])
	found := false
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			alg, val, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok || !strings.EqualFold(alg, "SHA-256") {
				continue
			}
			found = true
			if val == want {
				return nil
			}
		}
	}
	if !found {
		return errors.New("activitypub: no SHA-256 Digest")
	}
	return errors.New("activitypub: Digest does not match the body")
}

// VerifySignature checks r's signature with the RSA public key pub.
func VerifySignature(r *http.Request, pub any) error {
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		return fmt.Errorf("activitypub: signature: %w", err)
	}
	if err := v.Verify(pub, httpsig.RSA_SHA256); err != nil {
		return fmt.Errorf("activitypub: signature: %w", err)
	}
	return nil
}
