package audience_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/partnerfeed/partnerfeed/internal/audience"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// A reading of the database serves scrapes for the TTL; only configured
// partners have series, each channel's states at 0 when nobody is in them,
// and a state the database knows beyond those is shown too.
func TestCollector(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	scrape := func(ttl time.Duration) testutil.Metrics {
		reg := prometheus.NewRegistry()
		c := audience.NewCollector(st, []string{"venlo", "leiden"}, ttl, log)
		reg.MustRegister(c)
		h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
		m := testutil.Scrape(t, h)
		// Something changes; a second scrape within the TTL shows the first reading.
		sub, _, err := st.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: time.Now().Format("150405.000000") + "@example.org",
			Schedule: "daily", Partners: []string{"venlo", "gone"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB.ExecContext(ctx, `UPDATE email_subscribers SET status = 'suppressed' WHERE id = $1`, sub.ID); err != nil {
			t.Fatal(err)
		}
		second := testutil.Scrape(t, h)
		a, _ := m.Value("partnerfeed_subscribers", "channel", "email", "partner", "venlo", "state", "suppressed")
		b, _ := second.Value("partnerfeed_subscribers", "channel", "email", "partner", "venlo", "state", "suppressed")
		if ttl > 0 && a != b {
			t.Errorf("a scrape within the TTL read the database again: %v, then %v", a, b)
		}
		if ttl == 0 && b != a+1 {
			t.Errorf("without a TTL the new suppressed subscriber is not counted: %v, then %v", a, b)
		}
		return second
	}
	m := scrape(time.Hour)
	for _, p := range []string{"venlo", "leiden"} {
		for _, cs := range audience.States {
			if v, ok := m.Value("partnerfeed_subscribers", "channel", cs[0], "partner", p, "state", cs[1]); !ok || v != 0 {
				t.Errorf("%s %v: %v %v, want a series at 0", p, cs, v, ok)
			}
		}
	}
	m = scrape(0)
	if v, ok := m.Value("partnerfeed_subscribers", "channel", "email", "partner", "venlo", "state", "suppressed"); !ok || v != 2 {
		t.Errorf("suppressed at venlo: %v %v, want 2", v, ok)
	}
	if _, ok := m.Value("partnerfeed_subscribers", "partner", "gone"); ok {
		t.Error("a partner no longer configured has series")
	}
}
