// Package jobs runs partnerfeed's durable jobs on River: the client, the
// workers every part registers, and cron schedules as leader-elected periodic jobs.
package jobs

import (
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Client is the River client type used everywhere (database/sql transactions).
type Client = river.Client[*sql.Tx]

// Registry collects what the parts of the daemon give River before it starts.
type Registry struct {
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
	Queues   map[string]river.QueueConfig
}

// NewRegistry returns an empty registry with the default queue.
func NewRegistry() *Registry {
	return &Registry{
		Workers: river.NewWorkers(),
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
	}
}

// NewClient builds a River client on the store. With reg nil the client can
// only insert jobs (used by commands such as ingest, beside a running serve).
func NewClient(st *store.Store, reg *Registry, log *slog.Logger) (*Client, error) {
	cfg := &river.Config{Logger: log}
	if reg != nil {
		cfg.Workers = reg.Workers
		cfg.PeriodicJobs = reg.Periodic
		cfg.Queues = reg.Queues
	}
	c, err := river.NewClient(st.RiverDriver(), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: new client: %w", err)
	}
	return c, nil
}
