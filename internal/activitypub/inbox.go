package activitypub

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// errBlocked marks a request from a blocked domain (403, not 401).
var errBlocked = errors.New("activitypub: blocked domain")

// Inbox receives activities (POST to an actor's inbox or the shared inbox).
// A request needs a valid HTTP Signature whose key belongs to the
// activity's actor, a matching Digest and a Date within MaxClockSkew;
// otherwise it gets 401 (403 from a blocked domain) and changes nothing.
// Follow is accepted (the Accept goes out through a job), Undo(Follow) and
// the Delete of a follower's account remove the follow, and everything else
// is acknowledged with 202 and ignored.
func (s *Service) Inbox(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxDocumentBytes))
	if err != nil {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	keyID, key, err := s.authenticate(r.Context(), r, body)
	if err != nil {
		status := http.StatusUnauthorized
		if errors.Is(err, errBlocked) {
			status = http.StatusForbidden
		}
		s.log.Info("Inbox request refused", slog.Int("status", status), slog.Any("error", err))
		http.Error(w, http.StatusText(status), status)
		return
	}
	act, err := ParseActivity(body)
	if err != nil {
		http.Error(w, "not an activity", http.StatusBadRequest)
		return
	}
	if act.Actor != key.owner {
		s.log.Info("Inbox request refused: signed by another actor", slog.String("actor", act.Actor), slog.String("signer", key.owner))
		http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
		return
	}
	err = s.rememberKey(r.Context(), keyID, key)
	if err == nil {
		err = s.handle(r.Context(), act, body)
	}
	if err != nil {
		s.log.Error("Inbox activity failed", slog.String("type", act.Type), slog.String("actor", act.Actor), slog.Any("error", err))
		http.Error(w, "could not handle the activity", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// authenticate checks the request's signature, Date and Digest, and the
// sender's domain; it returns the key that signed it (cache it with
// rememberKey once the request is accepted). The key is fetched again once
// when the cached one does not verify (a rotated key).
func (s *Service) authenticate(ctx context.Context, r *http.Request, body []byte) (string, fetchedKey, error) {
	p, err := checkRequest(r, body, time.Now())
	if err != nil {
		return "", fetchedKey{}, err
	}
	u, err := url.Parse(p.KeyID)
	if err != nil || u.Host == "" {
		return "", fetchedKey{}, errors.New("activitypub: keyId is not a URL")
	}
	if s.cfg.ActivityPub.Blocked(u.Hostname()) {
		return "", fetchedKey{}, errBlocked
	}
	k, err := s.publicKey(ctx, p.KeyID, false)
	if err == nil {
		if err = VerifySignature(r, k.pub); err == nil || !k.cached {
			return p.KeyID, k, err
		}
	}
	if k, err = s.publicKey(ctx, p.KeyID, true); err != nil {
		return "", fetchedKey{}, err
	}
	return p.KeyID, k, VerifySignature(r, k.pub)
}

// handle acts on an authenticated activity.
func (s *Service) handle(ctx context.Context, a Activity, body []byte) error {
	switch {
	case a.Type == "Follow":
		slug, ok := s.localActor(a.Object)
		if !ok {
			return nil
		}
		return s.follow(ctx, slug, a, body)
	case a.Type == "Undo" && a.ObjectType == "Follow" && a.ObjectActor == a.Actor:
		if slug, ok := s.localActor(a.ObjectObject); ok {
			return s.unfollow(ctx, slug, a.Actor)
		}
	case a.Type == "Delete" && a.Object == a.Actor:
		return s.unfollow(ctx, "", a.Actor)
	}
	return nil
}

// unfollow removes follower from slug's followers ("": from every actor's).
func (s *Service) unfollow(ctx context.Context, slug, follower string) error {
	n, err := s.store.RemoveFediFollower(ctx, slug, follower)
	if err == nil && n > 0 {
		s.log.Info("Fediverse follow ended", slog.String("actor", slug), slog.String("follower", follower), slog.Int64("follows", n))
	}
	return err
}

// localActor returns the slug of one of the service's actor URLs.
func (s *Service) localActor(id string) (string, bool) {
	slug, ok := strings.CutPrefix(id, s.base+"/ap/actors/")
	if !ok || !s.isActor(slug) {
		return "", false
	}
	return slug, true
}

// follow records the follower and queues the Accept in one transaction.
func (s *Service) follow(ctx context.Context, slug string, a Activity, body []byte) error {
	follower, err := s.fetchActor(ctx, a.Actor)
	if err != nil {
		return err
	}
	if follower.ID != a.Actor || !isHTTPURL(follower.Inbox) || !sameHost(follower.Inbox, a.Actor) {
		return errors.New("activitypub: the follower's actor document does not match")
	}
	inbox := follower.deliveryInbox()
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.AddFediFollower(ctx, slug, a.Actor, inbox, time.Now()); err != nil {
			return err
		}
		return s.queueAccept(ctx, tx, slug, follower.Inbox, json.RawMessage(body))
	})
	if err == nil {
		s.log.Info("Fediverse follower", slog.String("actor", slug), slog.String("follower", a.Actor), slog.String("inbox", inbox))
	}
	return err
}
