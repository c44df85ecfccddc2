package activitypub

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// maxDocumentBytes caps a fetched actor document and an inbox request body.
const maxDocumentBytes = 1 << 20

// remoteActor is what the service needs of another server's actor.
type remoteActor struct {
	ID        string          `json:"id"`
	Inbox     string          `json:"inbox"`
	Endpoints json.RawMessage `json:"endpoints"`
	PublicKey json.RawMessage `json:"publicKey"`
	// A key document (keyId resolving to the key itself) has these.
	Owner        string `json:"owner"`
	PublicKeyPem string `json:"publicKeyPem"`
}

type remoteKey struct {
	ID           string `json:"id"`
	Owner        string `json:"owner"`
	PublicKeyPem string `json:"publicKeyPem"`
}

// deliveryInbox is where the actor gets what it follows: its server's
// shared inbox when it names one, else its own inbox.
func (a remoteActor) deliveryInbox() string {
	var ep struct {
		SharedInbox string `json:"sharedInbox"`
	}
	if json.Unmarshal(a.Endpoints, &ep) == nil && isHTTPURL(ep.SharedInbox) {
		return ep.SharedInbox
	}
	return a.Inbox
}

// keys are the actor's public keys (publicKey is one object or a list).
func (a remoteActor) keys() []remoteKey {
	if a.PublicKeyPem != "" {
		return []remoteKey{{ID: a.ID, Owner: a.Owner, PublicKeyPem: a.PublicKeyPem}}
	}
	var one remoteKey
	if json.Unmarshal(a.PublicKey, &one) == nil && one.PublicKeyPem != "" {
		return []remoteKey{one}
	}
	var many []remoteKey
	_ = json.Unmarshal(a.PublicKey, &many)
	return many
}

// fetchActor fetches the document at id (an actor, or a key document),
// refusing blocked domains.
func (s *Service) fetchActor(ctx context.Context, id string) (remoteActor, error) {
	var a remoteActor
	u, err := url.Parse(id)
	if err != nil || !isHTTPURL(id) {
		return a, fmt.Errorf("activitypub: bad actor id %q", id)
	}
	if s.cfg.ActivityPub.Blocked(u.Hostname()) {
		return a, fmt.Errorf("activitypub: %s is a blocked domain", u.Hostname())
	}
	u.Fragment = ""
	resp, err := s.get(ctx, u.String())
	if err != nil {
		return a, fmt.Errorf("activitypub: fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return a, fmt.Errorf("activitypub: fetch %s: %s", u, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocumentBytes))
	if err != nil {
		return a, fmt.Errorf("activitypub: fetch %s: %w", u, err)
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return a, fmt.Errorf("activitypub: actor %s: %w", u, err)
	}
	if a.ID == "" {
		return a, fmt.Errorf("activitypub: actor %s has no id", u)
	}
	return a, nil
}

// fetchedKey is a remote public key and where it came from.
type fetchedKey struct {
	owner  string
	pem    string
	pub    *rsa.PublicKey
	cached bool // from the cache (else fetched just now, not cached yet)
}

// publicKey returns the key keyID and its owner: from the cache unless
// refetch, else fetched from the document keyID names. A fetched key is
// cached only once a signature verified with it (rememberKey): a request
// that fails changes nothing.
func (s *Service) publicKey(ctx context.Context, keyID string, refetch bool) (fetchedKey, error) {
	if !refetch {
		owner, p, err := s.store.FediRemoteKey(ctx, keyID)
		if err == nil {
			k, err := ParsePublicKey(p)
			return fetchedKey{owner, p, k, true}, err
		}
		if !errors.Is(err, store.ErrNotFound) {
			return fetchedKey{}, err
		}
	}
	doc, err := s.fetchActor(ctx, keyID)
	if err != nil {
		return fetchedKey{}, err
	}
	for _, k := range doc.keys() {
		if k.ID != keyID {
			continue
		}
		owner := k.Owner
		if owner == "" {
			owner = doc.ID
		}
		// The key must belong to an actor on the key's own host.
		if !sameHost(owner, keyID) {
			return fetchedKey{}, fmt.Errorf("activitypub: key %s belongs to %s, another host", keyID, owner)
		}
		pub, err := ParsePublicKey(k.PublicKeyPem)
		if err != nil {
			return fetchedKey{}, err
		}
		return fetchedKey{owner, k.PublicKeyPem, pub, false}, nil
	}
	return fetchedKey{}, fmt.Errorf("activitypub: %s does not publish key %s", doc.ID, keyID)
}

// rememberKey caches a fetched key that verified a signature.
func (s *Service) rememberKey(ctx context.Context, keyID string, k fetchedKey) error {
	if k.cached {
		return nil
	}
	return s.store.PutFediRemoteKey(ctx, keyID, k.owner, k.pem)
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// sameHost reports whether two URLs have the same host (and port).
func sameHost(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && ua.Host != "" && strings.EqualFold(ua.Host, ub.Host)
}
