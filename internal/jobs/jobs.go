// Package jobs runs partnerfeed's durable jobs on River: the client, the
// workers every part registers, and cron schedules as leader-elected periodic jobs.
package jobs

import (
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Client is the River client type used everywhere (database/sql transactions).
type Client = river.Client[*sql.Tx]

// Registry collects what the parts of the daemon give River before it starts.
type Registry struct {
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
	Queues   map[string]river.QueueConfig
	sweeps   map[string]sweep // see AddSweep
	// ReplicaID is the River client's ID, this process's among the
	// replicas of a database (NewReplicaID).
	ReplicaID string
	// Inserter inserts jobs with the client NewClient makes of this
	// registry; the parts keep it from their setup on.
	Inserter *Inserter
}

// NewRegistry returns an empty registry with the default queue.
func NewRegistry() *Registry {
	return &Registry{
		Workers:   river.NewWorkers(),
		Queues:    map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		ReplicaID: NewReplicaID(),
		Inserter:  NewInserter(nil),
	}
}

// Job time limits. A worker may set its own with Timeout(); a job still
// marked running after RescueAfter (its process died) is run again.
const (
	JobTimeout  = 10 * time.Minute
	RescueAfter = JobTimeout + 5*time.Minute
)

// Config returns the River configuration of the registry. With reg nil the
// client can only insert jobs (used by commands such as ingest, beside a
// running serve).
func Config(reg *Registry, log *slog.Logger) *river.Config {
	cfg := &river.Config{Logger: log, JobTimeout: JobTimeout, RescueStuckJobsAfter: RescueAfter,
		Hooks: []rivertype.Hook{metricsHook()}}
	if reg != nil {
		cfg.ID = reg.ReplicaID
		cfg.Workers = reg.Workers
		cfg.PeriodicJobs = reg.Periodic
		cfg.Queues = reg.Queues
	}
	return cfg
}

// NewClient builds a River client on the store; see Config. The registry's
// Inserter inserts with it from now on.
func NewClient(st *store.Store, reg *Registry, log *slog.Logger) (*Client, error) {
	c, err := NewClientWithConfig(st, Config(reg, log))
	if err == nil && reg != nil {
		reg.Inserter.Use(c)
	}
	return c, err
}

// NewClientWithConfig builds a River client on the store with cfg (tests
// adjust Config's result, for example its clock).
func NewClientWithConfig(st *store.Store, cfg *river.Config) (*Client, error) {
	c, err := river.NewClient(st.RiverDriver(), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: new client: %w", err)
	}
	return c, nil
}
