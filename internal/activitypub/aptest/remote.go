// Package aptest is the test harness of another Fediverse server, written
// in Go: actors with RSA keys whose documents it serves, inboxes that
// verify the signatures of what they receive and record it, and signed
// requests to partnerfeed's inbox. (Fedify, an implementation partnerfeed
// did not write, is the harness of the interoperability test.)
package aptest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
)

// Received is one request an inbox got.
type Received struct {
	Inbox    string // the inbox path: /users/<name>/inbox or /inbox
	Activity activitypub.Activity
	Body     []byte
	Verified bool // its signature verified with the sender's actor key
}

// Remote is the fake server. Its actors are /users/<name>; with Shared
// they name /inbox as their shared inbox.
type Remote struct {
	Server *httptest.Server
	Key    *rsa.PrivateKey
	Shared bool
	// Fail, when set, answers an inbox request with its status instead
	// of 202 (0: accept).
	Fail func(inbox string) int
	// SkipVerify records requests without checking their signatures
	// (when partnerfeed's address is unknown to the test).
	SkipVerify bool

	base     string // the server's URL as its documents name it
	mu       sync.Mutex
	received []Received
	// keys of partnerfeed's actors, fetched to verify what arrives.
	keys map[string]*rsa.PublicKey
}

// key is shared by every Remote of a test binary: RSA key generation is slow.
var key = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// NewRemote starts the fake server on loopback; it stops with the test.
func NewRemote(t testing.TB, shared bool) *Remote {
	r := &Remote{Key: key(), Shared: shared, keys: map[string]*rsa.PublicKey{}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Server.Close)
	r.base = r.Server.URL
	return r
}

// UseHost names the server host (such as "localhost") in its documents
// instead of its address.
func (r *Remote) UseHost(host string) {
	r.base = "http://" + host + ":" + r.Server.URL[strings.LastIndexByte(r.Server.URL, ':')+1:]
}

// ActorURL is the id of the actor name.
func (r *Remote) ActorURL(name string) string { return r.base + "/users/" + name }

// KeyID is the id of the actor name's key.
func (r *Remote) KeyID(name string) string { return r.ActorURL(name) + "#main-key" }

// InboxURL is where the actor name gets what it follows (its server's
// shared inbox when Shared).
func (r *Remote) InboxURL(name string) string {
	if r.Shared {
		return r.base + "/inbox"
	}
	return r.ActorURL(name) + "/inbox"
}

func (r *Remote) serve(w http.ResponseWriter, req *http.Request) {
	path := req.URL.Path
	switch {
	case req.Method == http.MethodGet && strings.HasPrefix(path, "/users/") && strings.Count(path, "/") == 2:
		name := strings.TrimPrefix(path, "/users/")
		pub, _ := x509.MarshalPKIXPublicKey(&r.Key.PublicKey)
		doc := map[string]any{"@context": activitypub.Context, "id": r.ActorURL(name), "type": "Person",
			"preferredUsername": name, "inbox": r.ActorURL(name) + "/inbox",
			"publicKey": map[string]string{"id": r.KeyID(name), "owner": r.ActorURL(name),
				"publicKeyPem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))}}
		if r.Shared {
			doc["endpoints"] = map[string]string{"sharedInbox": r.base + "/inbox"}
		}
		w.Header().Set("Content-Type", "application/activity+json")
		_ = json.NewEncoder(w).Encode(doc)
	case req.Method == http.MethodPost && (path == "/inbox" || strings.HasSuffix(path, "/inbox")):
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		if r.Fail != nil {
			if st := r.Fail(path); st != 0 {
				w.WriteHeader(st)
				return
			}
		}
		act, _ := activitypub.ParseActivity(body)
		rec := Received{Inbox: path, Activity: act, Body: body, Verified: !r.SkipVerify && r.verify(req, body)}
		r.mu.Lock()
		r.received = append(r.received, rec)
		r.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	default:
		http.NotFound(w, req)
	}
}

// Received returns what the inboxes got so far.
func (r *Remote) Received() []Received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Received(nil), r.received...)
}

// Count returns how many requests of type typ for object arrived at each inbox.
func (r *Remote) Count(typ, object string) map[string]int {
	out := map[string]int{}
	for _, rec := range r.Received() {
		if rec.Activity.Type == typ && (object == "" || rec.Activity.Object == object) {
			out[rec.Inbox]++
		}
	}
	return out
}
