package digest

import (
	"context"
	"sort"

	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Preview returns what the next issue of the configured digest name would
// hold now: its pending ledger rows, plus, for a digest never seen before, the
// articles of the last notify.max_age. It writes nothing.
func (s *Service) Preview(ctx context.Context, name string) (Recipient, []store.Article, error) {
	r, err := s.DigestRecipient(name)
	if err != nil {
		return r, nil, err
	}
	arts, err := s.Store.PendingEmailArticles(ctx, r.Key)
	if err != nil {
		return r, nil, err
	}
	seeded, err := s.Store.EmailRecipientSeeded(ctx, r.Key)
	if err != nil || seeded {
		return r, arts, err
	}
	have := map[int64]bool{}
	for _, a := range arts {
		have[a.ID] = true
	}
	since := s.Now().Add(-s.Cfg.Notify.MaxAge)
	for _, p := range r.Partners {
		list, err := s.Store.ListArticles(ctx, store.ListOptions{Partner: p})
		if err != nil {
			return r, nil, err
		}
		for _, a := range list {
			if !have[a.ID] && !a.PublishedAt.Before(since) {
				have[a.ID] = true
				arts = append(arts, a)
			}
		}
	}
	sort.SliceStable(arts, func(i, j int) bool {
		if !arts[i].PublishedAt.Equal(arts[j].PublishedAt) {
			return arts[i].PublishedAt.After(arts[j].PublishedAt)
		}
		return arts[i].ID > arts[j].ID
	})
	return r, arts, nil
}

// PreviewMessage renders the next issue of digest name for address (the
// digest's first address when empty), as of now. It marks nothing.
func (s *Service) PreviewMessage(ctx context.Context, name, address string) (mailer.Message, int, error) {
	r, arts, err := s.Preview(ctx, name)
	if err != nil {
		return mailer.Message{}, 0, err
	}
	if address == "" && len(r.To) > 0 {
		address = r.To[0]
	}
	m, err := s.Render(r, r.Schedule.Next(s.Now()), arts, address)
	return m, len(arts), err
}
