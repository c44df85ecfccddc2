package notify

import (
	"fmt"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Rule is the delivery rule, the one place that decides which article reaches
// whom, on every channel (Telegram, each digest frequency, a Fediverse
// follower; self-service subscribers and configured recipients alike):
//
//   - an article qualifies when it was published within notify.max_age of
//     being first seen, did not come from its source's first ingest (a
//     backfill qualifies for nobody) and was not withdrawn (hidden); it
//     reaches only those who follow one of its partners;
//   - a push channel sends a qualifying article to a follower who started
//     following at or before the article was first seen, once (Reaches);
//   - a digest issue holds the qualifying articles first seen since the
//     recipient's previous issue (the ledger rows the digest fan-out records
//     for recipients following by then, Reaches);
//     a recipient's first issue is a welcome issue: the qualifying articles
//     first seen within the last notify.max_age (Welcome).
//
// The Worker applies Qualifies before any fan-out; the Telegram fan-out
// bounds its followers with FollowedBy; digests select their welcome issue
// with Welcome. Another push channel (the Fediverse) calls Reaches with its
// follower's start time, or bounds its followers by FollowedBy in SQL.
type Rule struct {
	// MaxAge is notify.max_age.
	MaxAge time.Duration
}

// NewRule is the rule of a configuration.
func NewRule(cfg config.Config) Rule { return Rule{MaxAge: cfg.Notify.MaxAge} }

// Qualifies reports whether a may reach anybody at all: it is dated, was
// published within MaxAge of being first seen, is not from a backfill, and
// the press office did not withdraw it (hidden).
func (r Rule) Qualifies(a store.Article) bool {
	if a.Backfill || a.PublishedAt.IsZero() || !a.HiddenAt.IsZero() {
		return false
	}
	return a.FirstSeenAt.Sub(a.PublishedAt) <= r.MaxAge
}

// Reaches reports whether a reaches a follower of one of its partners who
// started following at followingSince: a push channel sends it (once), a
// digest puts it in the next issue. Before that, a digest's welcome issue
// has it (Welcome).
func (r Rule) Reaches(a store.Article, followingSince time.Time) bool {
	return r.Qualifies(a) && !followingSince.After(a.FirstSeenAt)
}

// FollowedBy is Reaches for many followers at once: a qualifying article goes to
// the followers who started following at or before the time returned; ok is
// false when it goes to nobody.
func (r Rule) FollowedBy(a store.Article) (latest time.Time, ok bool) {
	return a.FirstSeenAt, r.Qualifies(a)
}

// Welcome is the selection of a recipient's first digest issue at now, as a
// condition on the articles row "a" for the store (Qualifies in SQL, and
// first seen within the last MaxAge).
func (r Rule) Welcome(now time.Time) store.Cond {
	return func(next int) (string, []any) {
		return fmt.Sprintf(`a.from_backfill = 0 AND a.published_at <> 0 AND a.hidden_at = 0
			AND a.first_seen_at - a.published_at <= $%d AND a.first_seen_at >= $%d`, next, next+1),
			[]any{r.MaxAge.Milliseconds(), store.Millis(now.Add(-r.MaxAge))}
	}
}
