package cli

import (
	"context"
	"io"
	"net/http"
)

// setupOps serves /healthz. TODO(foundation): /readyz, /metrics.
func (a *app) setupOps(ctx context.Context) error {
	a.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	return nil
}
