package cli

import (
	"context"
	"errors"
	"log/slog"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
)

// settingTagFingerprint is the settings key holding tag.Fingerprint of the
// configuration the stored tags were computed with (ingest records it too).
const settingTagFingerprint = store.SettingTagFingerprint

// setupTagging re-tags the stored articles at start when the partner
// configuration (or the tagger's rules) changed since they were tagged. It
// runs as a background task, after River started, so that a recent article
// gaining a partner is pushed to that partner's followers; old articles never are.
func (a *app) setupTagging(ctx context.Context) error {
	a.background = append(a.background, func(ctx context.Context) error {
		_, err := retagIfChanged(ctx, a.store, a.jobs.Inserter, a.cfg, a.log)
		return err
	})
	return nil
}

// retagStats says what a re-tagging did.
type retagStats struct {
	Skipped  bool // the configuration had not changed
	Articles int  // articles re-tagged
	Gained   int  // articles that gained a partner (each queued for notification)
}

// retagIfChanged re-tags every stored article when the fingerprint changed,
// then stores the new fingerprint.
func retagIfChanged(ctx context.Context, st *store.Store, q *jobs.Inserter, cfg config.Config, log *slog.Logger) (retagStats, error) {
	fp := tag.Fingerprint(cfg.Partners)
	old, err := st.Setting(ctx, settingTagFingerprint)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return retagStats{}, err
	}
	if old == fp {
		return retagStats{Skipped: true}, nil
	}
	stats, err := retagAll(ctx, st, q, cfg)
	if err != nil {
		return stats, err
	}
	if err := st.SetSetting(ctx, settingTagFingerprint, fp); err != nil {
		return stats, err
	}
	log.Info("Re-tagged stored articles after a partner configuration change",
		slog.Int("articles", stats.Articles), slog.Int("gained_partner", stats.Gained))
	return stats, nil
}

// retagAll tags every stored article again, keeping editors' pinned partners.
// An article that gains a partner gets a notify job for the added partners in
// the same transaction as its tags; the notify worker pushes it only if it is
// recent enough.
func retagAll(ctx context.Context, st *store.Store, q *jobs.Inserter, cfg config.Config) (retagStats, error) {
	var stats retagStats
	tg := tag.New(cfg.Partners)
	list, err := st.ListArticles(ctx, store.ListOptions{WithHidden: true})
	if err != nil {
		return stats, err
	}
	for _, a := range list {
		tags := tagging.Tags(tg.Tag(tagging.Document(a)))
		err := st.InTx(ctx, func(tx *store.Store) error {
			added, err := tagging.Apply(ctx, tx, q, a, tags)
			if len(added) > 0 {
				stats.Gained++
			}
			return err
		})
		if err != nil {
			return stats, err
		}
		stats.Articles++
	}
	return stats, nil
}
