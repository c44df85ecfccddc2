package cli

import "context"

// setupTagging wires its part into the daemon. TODO(tag issue).
func (a *app) setupTagging(ctx context.Context) error {
	return nil
}
