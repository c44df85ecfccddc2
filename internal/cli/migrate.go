package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

func runMigrate(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("migrate", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	st, err := openStore(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer st.Close()
	fmt.Fprintln(stdout, "database is up to date")
	return exitOK
}

// openStore opens the configured database and migrates it.
func openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.Storage.Driver, cfg.Storage.DSN.Value())
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
