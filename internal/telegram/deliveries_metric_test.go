package telegram_test

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// partnerfeed_deliveries_total counts the sender's outcomes as the ledger
// records them: a message Telegram accepted is sent, one to a chat that
// blocked the bot failed.
func TestDeliveriesMetricCountsOutcomes(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(501, "/follow duenkirchen")
	h.say(502, "/follow duenkirchen")
	h.fake.Block("502")
	value := func(result string) float64 {
		t.Helper()
		v, ok := testutil.Scrape(t, promhttp.Handler()).Value("partnerfeed_deliveries_total", "channel", "telegram", "result", result)
		if !ok {
			t.Fatalf("/metrics has no partnerfeed_deliveries_total{channel=telegram,result=%s}", result)
		}
		return v
	}
	sent, failed := value("sent"), value("failed")
	a := h.publish("Dünkirchen zählt", "duenkirchen")
	if counts := h.settled(a, 2); counts["sent"] != 1 || counts["failed"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
	if s, f := value("sent")-sent, value("failed")-failed; s != 1 || f != 1 {
		t.Errorf("partnerfeed_deliveries_total{channel=telegram}: sent grew by %v, failed by %v; want 1, 1", s, f)
	}
}
