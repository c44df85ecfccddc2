package cli

import "context"

// setupTelegram wires its part into the daemon. TODO(Telegram issue).
func (a *app) setupTelegram(ctx context.Context) error {
	return nil
}
