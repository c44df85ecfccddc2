package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// TestSchemaRows writes and reads a row of every table of the initial
// schema with the portable SQL the entity files use ($n, ON CONFLICT,
// RETURNING), and checks the constraints later parts rely on. The parts
// that own these tables test their own functions; this test keeps the
// schema honest.
func TestSchemaRows(t *testing.T) { storetest.Each(t, testSchemaRows) }

func testSchemaRows(t *testing.T, s *store.Store) {
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.DB.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	now := store.Now()

	t.Run("source_state upsert", func(t *testing.T) {
		up := `INSERT INTO source_state (source, last_run_at, last_success_at, backfilled, cursor)
			VALUES ($1,$2,$3,$4,$5) ON CONFLICT (source) DO UPDATE SET last_run_at = excluded.last_run_at,
			last_success_at = excluded.last_success_at, backfilled = excluded.backfilled, cursor = excluded.cursor`
		exec(up, "krefeld-presse", now, 0, 0, "")
		exec(up, "krefeld-presse", now+1, now+1, 1, "&s91=11")
		var run, ok, back int64
		var cursor string
		err := s.DB.QueryRowContext(ctx, `SELECT last_run_at, last_success_at, backfilled, cursor FROM source_state WHERE source = $1`,
			"krefeld-presse").Scan(&run, &ok, &back, &cursor)
		if err != nil || run != now+1 || ok != now+1 || back != 1 || cursor != "&s91=11" {
			t.Errorf("source_state: %d %d %d %q %v", run, ok, back, cursor, err)
		}
	})

	t.Run("http_cache", func(t *testing.T) {
		exec(`INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES ($1,$2,$3,$4)`,
			"https://example.org/", `W/"abc"`, "Thu, 24 Nov 2022 10:00:00 GMT", now)
		var etag string
		if err := s.DB.QueryRowContext(ctx, `SELECT etag FROM http_cache WHERE url = $1`, "https://example.org/").Scan(&etag); err != nil || etag != `W/"abc"` {
			t.Errorf("http_cache: %q %v", etag, err)
		}
	})

	t.Run("telegram chats and follows", func(t *testing.T) {
		exec(`INSERT INTO telegram_chats (chat_id, kind, language, created_at, updated_at) VALUES ($1,'private','fr',$2,$2)`, int64(-1001234567890), now)
		exec(`INSERT INTO telegram_follows (chat_id, partner, created_at) VALUES ($1,$2,$3)`, int64(-1001234567890), "duenkirchen", now)
		// A group that became a supergroup keeps its follows (migrate_to_chat_id).
		exec(`UPDATE telegram_chats SET chat_id = $1 WHERE chat_id = $2`, int64(-1009999), int64(-1001234567890))
		var n int
		s.DB.QueryRowContext(ctx, `SELECT count(*) FROM telegram_follows WHERE chat_id = $1`, int64(-1009999)).Scan(&n)
		if n != 1 {
			t.Errorf("follows after chat id change: %d, want 1", n)
		}
		exec(`DELETE FROM telegram_chats WHERE chat_id = $1`, int64(-1009999))
		s.DB.QueryRowContext(ctx, `SELECT count(*) FROM telegram_follows`).Scan(&n)
		if n != 0 {
			t.Errorf("follows of a deleted chat: %d, want 0", n)
		}
	})

	t.Run("email subscribers", func(t *testing.T) {
		var id int64
		err := s.DB.QueryRowContext(ctx, `INSERT INTO email_subscribers (email, schedule, status, created_at)
			VALUES ($1,'weekly','pending',$2) RETURNING id`, "a@example.org", now).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		exec(`INSERT INTO email_subscriber_partners (subscriber_id, partner) VALUES ($1,$2)`, id, "leiden")
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO email_subscribers (email, schedule, status, created_at)
			VALUES ($1,'daily','pending',$2)`, "a@example.org", now); err == nil {
			t.Error("a second subscriber with the same address was accepted")
		}
	})

	t.Run("deliveries and digest issues are unique", func(t *testing.T) {
		a := store.Article{Source: "x", URL: "https://example.org/d", Title: "T", PublishedAt: time.Now()}
		if _, err := s.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		ins := `INSERT INTO deliveries (article_id, channel, recipient, created_at) VALUES ($1,$2,$3,$4)
			ON CONFLICT (article_id, channel, recipient) DO NOTHING`
		exec(ins, a.ID, "telegram", "42", now)
		exec(ins, a.ID, "telegram", "42", now) // a crash and a re-run: still one row
		var n int
		s.DB.QueryRowContext(ctx, `SELECT count(*) FROM deliveries WHERE article_id = $1`, a.ID).Scan(&n)
		if n != 1 {
			t.Errorf("deliveries: %d rows, want 1", n)
		}
		issue := `INSERT INTO digest_issues (recipient, slot, created_at) VALUES ($1,$2,$3)
			ON CONFLICT (recipient, slot) DO NOTHING`
		exec(issue, "digest:dunkerque-office", now, now)
		exec(issue, "digest:dunkerque-office", now, now)
		s.DB.QueryRowContext(ctx, `SELECT count(*) FROM digest_issues`).Scan(&n)
		if n != 1 {
			t.Errorf("digest issues: %d rows, want 1", n)
		}
	})
}
