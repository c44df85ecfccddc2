package telegram_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// testToken has the shape of a real bot token, so that a scrub by pattern
// (the migration's) would see it too.
const testToken = "7123456789:AAHsEcReT-tOkEn_0123456789abcdefXYZ"

// TestTokenNeverLoggedOrStored runs the bot against a Bot API that refuses
// connections and one that drops every request but getMe: the network
// errors (which name the request URL, .../bot<token>/method) must reach
// neither a log line nor any stored column.
func TestTokenNeverLoggedOrStored(t *testing.T) {
	for _, tc := range []struct {
		name, logged string
		endpoint     func(t *testing.T) string
	}{
		{"refusing", "Telegram unreachable", refusingEndpoint},
		{"dropping", "Telegram getUpdates failed", droppingEndpoint},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // each waits for the sender's retries (about 10 s)
			logs := &testutil.SyncBuffer{}
			h := newHarnessLog(t, telegramtest.Limits{}, func(cfg *config.Config) {
				cfg.Telegram.Token = testToken
				cfg.Telegram.APIEndpoint = tc.endpoint(t)
			}, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
			if err := h.store.UpsertTelegramChat(h.ctx, store.TelegramChat{ID: 42, Kind: "private", Language: "de"}); err != nil {
				t.Fatal(err)
			}
			if _, err := h.store.FollowPartner(h.ctx, 42, "venlo"); err != nil {
				t.Fatal(err)
			}
			h.publish("Venlo news", "venlo")
			var stored string
			h.waitFor("a failed send recorded and "+tc.logged+" logged", func() bool {
				stored = ""
				for _, c := range storetest.Cells(t, h.store) {
					if v, ok := strings.CutPrefix(c, "deliveries.last_error: "); ok && v != "" {
						stored = v
					}
				}
				return stored != "" && strings.Contains(logs.String(), tc.logged)
			})
			h.stopBot()
			// The error still says what failed, with the token cut out.
			if !strings.Contains(stored, "/bot[redacted]/sendMessage") {
				t.Errorf("stored error %q does not name the redacted request", stored)
			}
			secret := testToken[strings.Index(testToken, ":")+1:]
			for _, line := range strings.Split(logs.String(), "\n") {
				if strings.Contains(line, secret) {
					t.Errorf("log line holds the token: %s", line)
				}
			}
			for _, c := range storetest.Cells(t, h.store) {
				if strings.Contains(c, secret) {
					t.Errorf("stored value holds the token: %s", c)
				}
			}
		})
	}
}

// refusingEndpoint is a Bot API URL on a port nobody listens on.
func refusingEndpoint(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/bot%s/%s"
}

// droppingEndpoint is a Bot API that answers getMe and closes the
// connection of every other request without an answer.
func droppingEndpoint(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			io.WriteString(w, `{"ok":true,"result":{"id":7123456789,"is_bot":true,"first_name":"B","username":"b_bot"}}`)
			return
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/bot%s/%s"
}
