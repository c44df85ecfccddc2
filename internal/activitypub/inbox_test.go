package activitypub_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/activitypub/aptest"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// TestInboxRefuses: a Follow with a missing, wrong or stale signature, a
// wrong Digest, a signature that leaves Digest out, a key of another
// actor, or from a blocked domain gets 401 (403 for the blocked domain)
// and changes nothing in the database: no follower, no cached key, no
// Accept job. The same Follow, properly signed, is accepted (the control).
func TestInboxRefuses(t *testing.T) {
	s := newSite(t, false, func(c *config.Config) { c.ActivityPub.BlockedDomains = []string{"blocked.example"} })
	remote := aptest.NewRemote(t, false)
	remote.UseHost("localhost")
	blocked := aptest.NewRemote(t, false)
	blocked.UseHost("blocked.example")
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	inbox := s.srv.URL + "/ap/actors/venlo/inbox"
	follow := remote.Follow("mallory", s.actor("venlo"))
	cases := []struct {
		name  string
		req   func(t *testing.T) *http.Request
		want  int
		keeps bool // the request may change the database (the control)
	}{
		{"missing signature", func(t *testing.T) *http.Request {
			req, _ := remote.Request(t, inbox, "mallory", follow, time.Now())
			req.Header.Del("Signature")
			return req
		}, http.StatusUnauthorized, false},
		{"signed by another key", func(t *testing.T) *http.Request {
			req, body := remote.Request(t, inbox, "mallory", follow, time.Now())
			resign(t, req, body, other, remote.KeyID("mallory"))
			return req
		}, http.StatusUnauthorized, false},
		{"body and digest changed after signing", func(t *testing.T) *http.Request {
			req, _ := remote.Request(t, inbox, "mallory", follow, time.Now())
			body := []byte(strings.Replace(mustRead(t, req), "venlo", "leiden", 1))
			sum := sha256.Sum256(body)
			req.Header.Set("Digest", "SHA-256="+base64.StdEncoding.EncodeToString(sum[:]))
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			return req
		}, http.StatusUnauthorized, false},
		{"stale date", func(t *testing.T) *http.Request {
			req, _ := remote.Request(t, inbox, "mallory", follow, time.Now().Add(-13*time.Hour))
			return req
		}, http.StatusUnauthorized, false},
		{"date in the future", func(t *testing.T) *http.Request {
			req, _ := remote.Request(t, inbox, "mallory", follow, time.Now().Add(13*time.Hour))
			return req
		}, http.StatusUnauthorized, false},
		{"wrong digest", func(t *testing.T) *http.Request {
			req, _ := remote.Request(t, inbox, "mallory", follow, time.Now())
			body := []byte(strings.Replace(mustRead(t, req), "mallory", "mallorx", 1))
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			return req
		}, http.StatusUnauthorized, false},
		{"digest not signed", func(t *testing.T) *http.Request {
			req, body := remote.Request(t, inbox, "mallory", follow, time.Now())
			signer, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
				[]string{httpsig.RequestTarget, "host", "date"}, httpsig.Signature, 0)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Del("Signature")
			if err := signer.SignRequest(remote.Key, remote.KeyID("mallory"), req, nil); err != nil {
				t.Fatal(err)
			}
			_ = body
			return req
		}, http.StatusUnauthorized, false},
		{"signed with another actor's key", func(t *testing.T) *http.Request {
			req, body := remote.Request(t, inbox, "mallory", follow, time.Now())
			resign(t, req, body, remote.Key, remote.KeyID("eve"))
			return req
		}, http.StatusUnauthorized, false},
		{"blocked domain", func(t *testing.T) *http.Request {
			req, _ := blocked.Request(t, inbox, "mallory", blocked.Follow("mallory", s.actor("venlo")), time.Now())
			return req
		}, http.StatusForbidden, false},
		{"valid (control)", func(t *testing.T) *http.Request {
			req, _ := remote.Request(t, inbox, "mallory", follow, time.Now())
			return req
		}, http.StatusAccepted, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := fediCells(t, s)
			resp, err := s.srv.Client().Do(c.req(t))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("status %s, want %d", resp.Status, c.want)
			}
			if after := fediCells(t, s); slices.Equal(before, after) == c.keeps {
				t.Errorf("database changed: %v; want changed: %v", !slices.Equal(before, after), c.keeps)
			}
		})
	}
}

// fediCells are the rows a Follow could change: followers, cached keys,
// ledger rows and jobs (River's bookkeeping tables left out).
func fediCells(t *testing.T, s *site) []string {
	t.Helper()
	var out []string
	for _, c := range storetest.Cells(t, s.store) {
		for _, p := range []string{"fedi_followers.", "fedi_remote_keys.", "deliveries.", "river_job.kind:"} {
			if strings.HasPrefix(c, p) {
				out = append(out, c)
			}
		}
	}
	return out
}

func mustRead(t *testing.T, req *http.Request) string {
	t.Helper()
	b, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// resign replaces a request's signature with one by key named keyID.
func resign(t *testing.T, req *http.Request, body []byte, key *rsa.PrivateKey, keyID string) {
	t.Helper()
	req.Header.Del("Digest")
	req.Header.Del("Signature")
	if err := activitypub.Sign(req, body, key, keyID); err != nil {
		t.Fatal(err)
	}
}
