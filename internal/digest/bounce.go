package digest

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

var (
	bouncesTotal = promauto.NewCounter(prometheus.CounterOpts{
		Name: "partnerfeed_email_bounces_total",
		Help: "Hard bounces (SMTP 5xx for a subscriber's address at send time) counted.",
	})
	suppressedTotal = promauto.NewCounter(prometheus.CounterOpts{
		Name: "partnerfeed_email_suppressed_total",
		Help: "Subscriber addresses suppressed after email.max_bounces hard bounces.",
	})
)

// bounce counts a hard bounce on a subscriber, in tx; the one that reaches
// email.max_bounces suppresses the address.
func (s *Service) bounce(ctx context.Context, tx *store.Store, id int64) error {
	bouncesTotal.Inc()
	limit := s.Cfg.Email.MaxBounces
	if limit < 1 { // a config built without defaults
		limit = config.DefaultMaxBounces
	}
	suppressed, err := tx.RecordEmailBounce(ctx, id, limit, s.Now())
	if err != nil {
		return err
	}
	if suppressed {
		suppressedTotal.Inc()
		s.Log.Warn("Address suppressed after hard bounces", slog.String("recipient", store.SubscriberRecipient(id)),
			slog.Int("max_bounces", limit))
	}
	return nil
}

// BouncesTotal is the counter of hard bounces (for tests and the console).
func BouncesTotal() prometheus.Counter { return bouncesTotal }
