package jobs

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// jobsWorked counts every job run by kind and result, for /metrics.
var jobsWorked = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "partnerfeed_jobs_worked_total",
	Help: "Jobs worked, by kind and result (ok or error; an error is retried later).",
}, []string{"kind", "result"})

// metricsHook counts each job's result.
func metricsHook() rivertype.Hook {
	return river.HookWorkEndFunc(func(_ context.Context, job *rivertype.JobRow, err error) error {
		result := "ok"
		if err != nil {
			result = "error"
		}
		jobsWorked.WithLabelValues(job.Kind, result).Inc()
		return err
	})
}
