package cli

import "context"

// setupIngest wires its part into the daemon. TODO(ingest issue).
func (a *app) setupIngest(ctx context.Context) error {
	return nil
}
