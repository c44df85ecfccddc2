package cli

import (
	"context"

	"github.com/partnerfeed/partnerfeed/internal/admin"
	"github.com/partnerfeed/partnerfeed/internal/digest"
)

// setupConsole builds the press office's console at /admin/ on the public
// pages' layout. It runs after the other setups: it previews articles with
// their renderers and hides articles on their channels.
func (a *app) setupConsole(_ context.Context) error {
	d := admin.Deps{Config: a.cfg, Store: a.store, Pages: a.pages, Log: a.log,
		Jobs: a.jobs.Inserter, Changed: a.feeds.Invalidate,
		Telegram: a.cfg.Telegram != nil && a.cfg.Telegram.Token.Value() != ""}
	if a.cfg.Email != nil {
		svc, err := digest.New(a.cfg, a.store, a.log)
		if err != nil {
			return err
		}
		d.Digest = svc
	}
	c, err := admin.New(d)
	if err != nil {
		return err
	}
	a.console = c
	return nil
}
