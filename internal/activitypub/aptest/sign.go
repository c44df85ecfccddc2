package aptest

import (
	"bytes"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
)

// Request returns a POST of activity to url signed by the actor name at
// time at (use time.Now()), and its body; tests may spoil it afterwards.
func (r *Remote) Request(t testing.TB, url, name string, activity any, at time.Time) (*http.Request, []byte) {
	t.Helper()
	body, err := json.Marshal(activity)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/activity+json")
	if err := activitypub.SignAt(req, body, r.Key, r.KeyID(name), at); err != nil {
		t.Fatal(err)
	}
	return req, body
}

// Follow is the Follow of object (an actor URL) by the actor name.
func (r *Remote) Follow(name, object string) map[string]any {
	return map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": r.ActorURL(name) + "/follows/" + object,
		"type": "Follow", "actor": r.ActorURL(name), "object": object}
}

// Undo is the Undo of the actor name's Follow of object.
func (r *Remote) Undo(name, object string) map[string]any {
	return map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": r.ActorURL(name) + "/undo/" + object,
		"type": "Undo", "actor": r.ActorURL(name), "object": r.Follow(name, object)}
}

// verify checks a request partnerfeed sent: the Digest of its body and
// its signature, with the key its keyId names (fetched once).
func (r *Remote) verify(req *http.Request, body []byte) bool {
	if activitypub.CheckDigest(req.Header.Values("Digest"), body) != nil {
		return false
	}
	p, err := activitypub.ParseSignature(req.Header.Get("Signature"))
	if err != nil {
		return false
	}
	r.mu.Lock()
	k := r.keys[p.KeyID]
	r.mu.Unlock()
	if k == nil {
		if k = fetchKey(p.KeyID); k == nil {
			return false
		}
		r.mu.Lock()
		r.keys[p.KeyID] = k
		r.mu.Unlock()
	}
	return activitypub.VerifySignature(req, k) == nil
}

// fetchKey fetches a partnerfeed actor's public key.
func fetchKey(keyID string) *rsa.PublicKey {
	resp, err := http.Get(keyID)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var doc struct {
		PublicKey struct {
			ID           string `json:"id"`
			PublicKeyPem string `json:"publicKeyPem"`
		} `json:"publicKey"`
	}
	if json.NewDecoder(resp.Body).Decode(&doc) != nil || doc.PublicKey.ID != keyID {
		return nil
	}
	k, err := activitypub.ParsePublicKey(doc.PublicKey.PublicKeyPem)
	if err != nil {
		return nil
	}
	return k
}
