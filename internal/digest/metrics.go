package digest

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Metrics on the default registry (served on /metrics).
var (
	messagesTotal = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_digest_messages_total",
		Help: "Digest and confirmation mails by result: sent, temporary_failure (retried), permanent_failure.",
	}, []string{"kind", "result"})
	issuesTotal = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_digest_issues_total",
		Help: "Digest issues closed, by status: sent, empty (skipped), failed (permanently), paused.",
	}, []string{"status"})
)

// countResult counts one send result of kind "digest" or "confirm".
func countResult(kind string, err error, temporary bool) {
	switch {
	case err == nil:
		messagesTotal.WithLabelValues(kind, "sent").Inc()
	case temporary:
		messagesTotal.WithLabelValues(kind, "temporary_failure").Inc()
	default:
		messagesTotal.WithLabelValues(kind, "permanent_failure").Inc()
	}
}
