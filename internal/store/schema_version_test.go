package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// TestMigrateRefusesNewerSchema: on both databases, a migrated store knows
// every applied version; one migration this binary lacks makes Migrate fail
// with ErrSchemaNewer, naming it, and apply nothing.
func TestMigrateRefusesNewerSchema(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		applied, known, err := s.SchemaVersions(ctx)
		if err != nil || len(known) == 0 || !slices.Equal(applied, known) {
			t.Fatalf("migrated store: applied %v, known %v, %v", applied, known, err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("migrating again: %v", err)
		}
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99001, true)`); err != nil {
			t.Fatal(err)
		}
		err = s.Migrate(ctx)
		if !errors.Is(err, store.ErrSchemaNewer) || !strings.Contains(err.Error(), "99001") {
			t.Fatalf("Migrate on a newer schema: %v", err)
		}
		if current, err := s.MigrationsCurrent(ctx); err != nil || !current {
			t.Errorf("the known migrations still count as applied: %v %v", current, err)
		}
	})
}
