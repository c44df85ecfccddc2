package cli

import (
	"context"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/subscribe"
)

// setupDigests wires email digests into the daemon when email is configured:
// the ledger fan-out, the send/plan/confirm workers, a periodic job per
// configured digest and per subscriber schedule, and the subscription routes.
func (a *app) setupDigests(ctx context.Context) error {
	if a.cfg.Email == nil {
		return nil
	}
	svc, err := digest.New(a.cfg, a.store, a.log)
	if err != nil {
		return err
	}
	if err := svc.Seed(ctx); err != nil {
		return err
	}
	a.fanouts = append(a.fanouts, svc)
	digest.Register(a.jobs, svc)
	a.subscribe = subscribe.New(a.cfg, a.store, svc, a.log, a.jobs.Inserter, a.pages)
	return nil
}
