package cli

import (
	"context"
	"log/slog"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
)

// setupFediverse makes every partner a Fediverse account when
// activitypub.enabled: its routes, its fan-out and its delivery jobs.
func (a *app) setupFediverse(context.Context) error {
	if !a.cfg.ActivityPub.Enabled {
		return nil
	}
	f, err := activitypub.New(a.cfg, a.store, a.jobs.Inserter, a.log.With(slog.String("part", "activitypub")))
	if err != nil {
		return err
	}
	if err := f.Register(a.jobs); err != nil {
		return err
	}
	a.fanouts = append(a.fanouts, f)
	a.fedi = f
	return nil
}
