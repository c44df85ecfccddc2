package store

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// deliveriesTotal counts the outcomes of the delivery ledger where they are
// recorded, once they are committed: Telegram messages sent, failed for
// good or skipped (chat muted, stopped or blocked), and digest mails sent
// or failed for good (one per address). Each process counts what it
// recorded; Prometheus sums the replicas.
var deliveriesTotal = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "partnerfeed_deliveries_total",
	Help: "Delivery outcomes recorded, by channel (telegram, email) and result (sent, failed, skipped).",
}, []string{"channel", "result"})

// countOutcomes counts outcomes by result on channel once s's transaction
// commits; results other than sent, failed and skipped (a row returned to
// pending) are not outcomes.
func (s *Store) countOutcomes(channel string, byResult map[string]int64) {
	s.afterCommit(func() {
		for result, n := range byResult {
			switch result {
			case DeliverySent, DeliveryFailed, DeliverySkipped:
				if n > 0 {
					deliveriesTotal.WithLabelValues(channel, result).Add(float64(n))
				}
			}
		}
	})
}

// The outcomes exist from the start, at 0, so that a rate or an alert on
// them has a series before the first message.
func init() {
	for _, r := range []string{DeliverySent, DeliveryFailed, DeliverySkipped} {
		deliveriesTotal.WithLabelValues("telegram", r)
	}
	for _, r := range []string{DeliverySent, DeliveryFailed} {
		deliveriesTotal.WithLabelValues("email", r)
	}
}
