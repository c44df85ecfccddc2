package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// TestMigrationScrubsStoredTokens stores error texts as versions before the
// scrub wrote them (the request URL with the bot token, in the ledger and in
// River's job errors) and runs the migration that removes them.
func TestMigrationScrubsStoredTokens(t *testing.T) {
	storetest.Each(t, testMigrationScrubsStoredTokens)
}

func testMigrationScrubsStoredTokens(t *testing.T, s *store.Store) {
	ctx := context.Background()
	const leaked = `Post "https://api.telegram.org/bot123456789:AAE-x_Secret0123456789/sendMessage": dial tcp: lookup api.telegram.org: no such host`
	a := store.Article{Source: "s", URL: "https://example.org/a", Title: "A", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"1", "2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ExecContext(ctx, `UPDATE deliveries SET last_error = $1 WHERE recipient = '1'`, leaked); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ExecContext(ctx, `UPDATE deliveries SET last_error = $1 WHERE recipient = '2'`, "403 Forbidden: bot was blocked"); err != nil {
		t.Fatal(err)
	}
	insertRiverJobError(t, s, leaked)
	if err := s.ScrubStoredTokens(ctx); err != nil {
		t.Fatal(err)
	}
	var scrubbed, kept, jobErr int
	for _, c := range storetest.Cells(t, s) {
		if strings.Contains(c, "AAE-x_Secret") {
			t.Errorf("token left: %s", c)
		}
		switch {
		case c == `deliveries.last_error: `+strings.Replace(leaked, "123456789:AAE-x_Secret0123456789", "[redacted]", 1):
			scrubbed++
		case c == "deliveries.last_error: 403 Forbidden: bot was blocked":
			kept++
		case strings.HasPrefix(c, "river_job.") && strings.Contains(c, "/bot[redacted]/sendMessage"):
			jobErr++
		}
	}
	if scrubbed != 1 || kept != 1 || jobErr == 0 {
		t.Errorf("scrubbed %d ledger rows (want 1), kept %d other errors (want 1), scrubbed %d job errors", scrubbed, kept, jobErr)
	}
}

// insertRiverJobError stores a River job whose attempt failed with msg, as
// River writes it.
func insertRiverJobError(t *testing.T, s *store.Store, msg string) {
	t.Helper()
	ctx := context.Background()
	insert := `INSERT INTO river_job (args, kind, max_attempts, queue, state, errors)
		VALUES (jsonb('{}'), 'x', 25, 'default', 'retryable', jsonb($1))`
	errs := `[{"at":"2026-01-01T00:00:00Z","attempt":1,"error":` + jsonString(msg) + `}]`
	if s.Dialect == store.Postgres {
		insert = `INSERT INTO river_job (args, kind, max_attempts, queue, state, errors)
			VALUES ('{}', 'x', 25, 'default', 'retryable', ARRAY[CAST($1 AS jsonb)])`
		errs = `{"at":"2026-01-01T00:00:00Z","attempt":1,"error":` + jsonString(msg) + `}`
	}
	if _, err := s.DB.ExecContext(ctx, insert, errs); err != nil {
		t.Fatal(err)
	}
}

func jsonString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
