package cli

import (
	"context"

	"github.com/partnerfeed/partnerfeed/internal/admin"
)

// setupConsole builds the press office's console at /admin/ on the public
// pages' layout.
func (a *app) setupConsole(_ context.Context) error {
	c, err := admin.New(admin.Deps{Config: a.cfg, Store: a.store, Pages: a.pages, Log: a.log,
		Jobs: a.jobs.Inserter, Changed: a.feeds.Invalidate})
	if err != nil {
		return err
	}
	a.console = c
	return nil
}
