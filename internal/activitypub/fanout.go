package activitypub

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Fanout records, inside tx, a pending Create for every inbox of the
// followers of the article's partners' actors (and of "all") whom the
// delivery rule (notify.Rule, the one rule of every channel) lets have it, and enqueues the send jobs in the same
// transaction. It implements notify.Fanout, whose worker already decided
// that the article is news to push at all.
func (s *Service) Fanout(ctx context.Context, tx *store.Store, a store.Article, partners []string) error {
	latest, ok := notify.NewRule(s.cfg).FollowedBy(a)
	if !ok {
		return nil
	}
	if len(partners) == 0 {
		for _, t := range a.Tags {
			partners = append(partners, t.Partner)
		}
	}
	if len(partners) == 0 {
		return nil
	}
	actors := append(append([]string(nil), partners...), AllActor)
	for _, actor := range actors {
		if err := tx.RecordFediArticle(ctx, a.ID, actor, a.Title, a.Lead); err != nil {
			return err
		}
	}
	targets, err := tx.FediTargets(ctx, actors, latest)
	if err != nil {
		return err
	}
	recipients := make([]string, len(targets))
	for i, t := range targets {
		recipients[i] = recipient("create", t.Actor, t.Inbox)
	}
	if _, err := tx.RecordDeliveries(ctx, a.ID, Channel, recipients); err != nil {
		return err
	}
	return enqueuePending(ctx, s.jobs, tx, a.ID, s.Batch)
}

// queueAccept inserts, in tx, the job that sends actor's Accept of follow
// to inbox.
func (s *Service) queueAccept(ctx context.Context, tx *store.Store, actor, inbox string, follow []byte) error {
	_, err := s.jobs.InsertManyTx(ctx, tx.Tx, []river.InsertManyParams{{Args: AcceptArgs{Actor: actor, Inbox: inbox, Follow: follow}}})
	if err != nil {
		return fmt.Errorf("activitypub: queue accept: %w", err)
	}
	return nil
}
