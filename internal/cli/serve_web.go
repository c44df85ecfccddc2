package cli

import "context"

// setupWeb wires its part into the daemon. TODO(feeds issue).
func (a *app) setupWeb(ctx context.Context) error {
	return nil
}
