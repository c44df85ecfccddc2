package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
)

// Lease is a named, process-wide exclusive right among the replicas on one
// database (a PostgreSQL session advisory lock, held by one connection: it
// ends with the connection, so a killed replica loses it at once). On SQLite,
// where one process owns the database, it is always granted.
type Lease struct {
	conn *sql.Conn // nil on SQLite
	key  int64
}

// TryLease takes the lease name if no other replica holds it; ok is false if
// one does.
func (s *Store) TryLease(ctx context.Context, name string) (l *Lease, ok bool, err error) {
	if s.Dialect != Postgres {
		return &Lease{}, true, nil
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	key := int64(h.Sum64())
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lease %s: %w", name, err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("store: lease %s: %w", name, err)
		}
		return nil, false, nil
	}
	return &Lease{conn: conn, key: key}, true, nil
}

// Check reports an error if the lease may have been lost (its connection
// broke).
func (l *Lease) Check(ctx context.Context) error {
	if l.conn == nil {
		return nil
	}
	if err := l.conn.PingContext(ctx); err != nil {
		return fmt.Errorf("store: lease lost: %w", err)
	}
	return nil
}

// Release gives the lease up.
func (l *Lease) Release() {
	if l.conn == nil {
		return
	}
	l.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, l.key)
	l.conn.Close()
}

// migrationLock waits for the PostgreSQL advisory lock of migrations and
// returns its release; on SQLite it does nothing.
func (s *Store) migrationLock(ctx context.Context) (unlock func(), err error) {
	if s.Dialect != Postgres {
		return func() {}, nil
	}
	const key = 0x7066_6d69_6772 // "pfmigr"
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migration lock: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(key)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("store: migration lock: %w", err)
	}
	return func() {
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(key))
		conn.Close()
	}, nil
}
