package telegram_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// BenchmarkFanout fans one article out to b.N chats in process (River, the
// ledger on SQLite, HTTP to the fake), limits lifted. scripts/bench-telegram
// measures the same through the real daemon process.
func BenchmarkFanout(b *testing.B) {
	lifted := telegramtest.Limits{BotPerSecond: 1_000_000}
	conc := 32
	if c, err := strconv.Atoi(os.Getenv("BENCH_CONCURRENCY")); err == nil {
		conc = c
	}
	h := newHarness(b, lifted, func(tg *config.Telegram) { tg.SendConcurrency, tg.BatchSize = conc, 1000 })
	if _, err := telegramtest.SeedFanout(h.ctx, h.store, b.N, "duenkirchen", "venlo"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	h.waitFor("the fan-out", func() bool { return h.fake.Stats().Messages >= b.N })
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}
