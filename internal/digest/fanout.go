package digest

import (
	"context"

	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Fanout records, in the notify transaction, a pending ledger row of the
// article for every configured digest and every confirmed subscriber whose
// partners intersect partners (the article's tags when empty) and who
// started following when the article was first seen (notify.Rule; an
// article first seen before is its welcome issue's). The next issue of each
// recipient then holds it. It implements notify.Fanout.
func (s *Service) Fanout(ctx context.Context, tx *store.Store, a store.Article, partners []string) error {
	if len(partners) == 0 {
		for _, t := range a.Tags {
			partners = append(partners, t.Partner)
		}
	}
	rule := notify.NewRule(s.Cfg)
	followedBy, ok := rule.FollowedBy(a)
	if !ok {
		return nil
	}
	var keys []string
	for _, d := range s.Cfg.Email.Digests {
		if !intersects(d.Partners, partners) {
			continue
		}
		key := store.DigestRecipient(d.Name)
		// A configured digest follows from when it was first seen (seeded).
		seen, err := tx.EmailRecipientSeenAt(ctx, key)
		if err != nil {
			return err
		}
		if !seen.IsZero() && rule.Reaches(a, seen) {
			keys = append(keys, key)
		}
	}
	if err := tx.AddEmailDeliveries(ctx, a.ID, keys); err != nil {
		return err
	}
	return tx.AddFollowerDeliveries(ctx, a.ID, partners, followedBy)
}

var _ notify.Fanout = (*Service)(nil)

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
