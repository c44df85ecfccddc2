package telegram

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Metrics of the bot, on the default registry (served at /metrics).
var (
	messagesSent = promauto.NewCounter(prometheus.CounterOpts{
		Name: "partnerfeed_telegram_messages_sent_total",
		Help: "Article messages Telegram accepted.",
	})
	sendFailures = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_telegram_send_failures_total",
		Help: "Article messages that failed for good, by reason (gone, permanent, channel).",
	}, []string{"reason"})
	sendRetries = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_telegram_send_retries_total",
		Help: "Requests repeated, by reason (transient, rate_limited, migrated, bad_photo, later).",
	}, []string{"reason"})
	possibleDuplicates = promauto.NewCounter(prometheus.CounterOpts{
		Name: "partnerfeed_telegram_possible_duplicates_total",
		Help: "Messages resent after being interrupted in flight (a crash or a timeout).",
	})
	chatsDeactivated = promauto.NewCounter(prometheus.CounterOpts{
		Name: "partnerfeed_telegram_chats_deactivated_total",
		Help: "Chats deactivated because they blocked the bot or vanished.",
	})
	deliveries = promauto.NewGaugeVec(prometheus.GaugeOpts{
		Name: "partnerfeed_telegram_deliveries",
		Help: "Unfinished Telegram rows of the delivery ledger by status (pending, sending, failed).",
	}, []string{"status"})
	updatesHandled = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_telegram_updates_total",
		Help: "Updates handled, by kind (message, callback, other, error).",
	}, []string{"kind"})
	updatesQueued = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "partnerfeed_telegram_updates_queued",
		Help: "Incoming updates accepted and waiting for a worker.",
	})
)
