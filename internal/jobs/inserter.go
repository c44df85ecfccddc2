package jobs

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// ErrNoClient is what an Inserter answers before its River client exists.
var ErrNoClient = errors.New("jobs: no River client yet")

// Inserter inserts River jobs, in a caller's transaction or on its own.
// Every part of the daemon is handed the registry's Inserter when it is
// built, before the client exists (the client needs every part's workers);
// it inserts once NewClient made the client, so no part needs a late-bound
// closure of its own. A nil *Inserter inserts nothing and says so.
type Inserter struct{ client atomic.Pointer[Client] }

// NewInserter returns an Inserter using c (nil: none yet; see Use).
func NewInserter(c *Client) *Inserter {
	i := &Inserter{}
	i.Use(c)
	return i
}

// Use makes c the client jobs are inserted with.
func (i *Inserter) Use(c *Client) { i.client.Store(c) }

func (i *Inserter) get() (*Client, error) {
	if i == nil {
		return nil, ErrNoClient
	}
	c := i.client.Load()
	if c == nil {
		return nil, ErrNoClient
	}
	return c, nil
}

// InsertTx inserts one job inside tx, so that it commits with the caller's rows.
func (i *Inserter) InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	c, err := i.get()
	if err != nil {
		return nil, err
	}
	return c.InsertTx(ctx, tx, args, opts)
}

// InsertManyTx inserts jobs inside tx, so that they commit with the caller's rows.
func (i *Inserter) InsertManyTx(ctx context.Context, tx *sql.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	c, err := i.get()
	if err != nil {
		return nil, err
	}
	return c.InsertManyTx(ctx, tx, params)
}

// InsertMany inserts jobs in their own transaction.
func (i *Inserter) InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	c, err := i.get()
	if err != nil {
		return nil, err
	}
	return c.InsertMany(ctx, params)
}
