package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/config"
)

// fakeClock advances only when something sleeps on it, and records the sleeps.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.sleeps = append(f.sleeps, d)
		f.now = f.now.Add(d)
	}
	return ctx.Err()
}

func (f *fakeClock) slept() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var s time.Duration
	for _, d := range f.sleeps {
		s += d
	}
	return s
}

func newTestClient(rps float64, clk *fakeClock) *Client {
	return New(config.Fetch{ContactURL: "https://example.org/contact", RatePerHost: rps,
		Timeout: 2 * time.Second, MaxBodyBytes: 1 << 20}, "test",
		Options{Clock: clk, BaseBackoff: time.Second, Jitter: func() float64 { return 0.5 }})
}

func TestRateLimitPerHost(t *testing.T) {
	var hits atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			hits.Add(1)
		}
		fmt.Fprint(w, "ok")
	})
	a, b := httptest.NewServer(h), httptest.NewServer(h)
	defer a.Close()
	defer b.Close()
	clk := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	c := newTestClient(2, clk) // 2 requests per second per host
	ctx := context.Background()
	// robots.txt + 5 pages on host a: 6 requests at 2/s need 2.5 s of waiting.
	for i := 0; i < 5; i++ {
		if _, err := c.Get(ctx, fmt.Sprintf("%s/p%d", a.URL, i), Validators{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.slept(); got != 2500*time.Millisecond {
		t.Fatalf("waited %v on one host, want 2.5s", got)
	}
	// Another host has its own budget: its first two requests (robots, page) wait 0.5 s only.
	before := clk.slept()
	if _, err := c.Get(ctx, b.URL+"/x", Validators{}); err != nil {
		t.Fatal(err)
	}
	if got := clk.slept() - before; got != 500*time.Millisecond {
		t.Fatalf("second host waited %v, want 0.5s", got)
	}
	if hits.Load() != 6 {
		t.Fatalf("hits = %d", hits.Load())
	}
}

func TestRobotsTxt(t *testing.T) {
	var agent string
	var private atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			agent = r.UserAgent()
			fmt.Fprint(w, "User-agent: *\nDisallow: /intern/\n\nUser-agent: partnerfeed\nDisallow: /nofeed/\n")
		case "/nofeed/a", "/intern/a":
			private.Add(1)
		default:
			fmt.Fprint(w, "public")
		}
	}))
	defer srv.Close()
	c := newTestClient(1000, &fakeClock{})
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/nofeed/a", Validators{}); !errors.Is(err, ErrDisallowed) {
		t.Fatalf("want ErrDisallowed, got %v", err)
	}
	// The partnerfeed group replaces *, so /intern/ is allowed for us.
	if _, err := c.Get(ctx, srv.URL+"/intern/a", Validators{}); err != nil {
		t.Fatal(err)
	}
	if r, err := c.Get(ctx, srv.URL+"/ok", Validators{}); err != nil || string(r.Body) != "public" {
		t.Fatalf("%v %v", r, err)
	}
	if private.Load() != 1 {
		t.Fatalf("disallowed path was requested")
	}
	if !strings.Contains(agent, "partnerfeed/test (+https://example.org/contact)") {
		t.Fatalf("user agent %q", agent)
	}
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		switch n.Add(1) {
		case 1:
			w.WriteHeader(http.StatusInternalServerError)
		case 2:
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			fmt.Fprint(w, "recovered")
		}
	}))
	defer srv.Close()
	clk := &fakeClock{}
	c := newTestClient(1000, clk)
	r, err := c.Get(context.Background(), srv.URL+"/flaky", Validators{})
	if err != nil || string(r.Body) != "recovered" {
		t.Fatalf("%v %v", r, err)
	}
	// Backoff 1s·2^0 with jitter 0.5 → 750ms; then the server's 7s.
	var waits []time.Duration
	for _, d := range clk.sleeps {
		if d >= 100*time.Millisecond {
			waits = append(waits, d)
		}
	}
	if len(waits) != 2 || waits[0] != 750*time.Millisecond || waits[1] != 7*time.Second {
		t.Fatalf("waits %v", waits)
	}
}

func TestFinalErrors(t *testing.T) {
	mux := http.NewServeMux()
	var gone atomic.Int32
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { gone.Add(1); http.NotFound(w, r) })
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("x", 64<<10))
		for i := 0; i < 40; i++ { // 2.5 MB against a 1 MB cap
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newTestClient(1000, &fakeClock{})
	ctx := context.Background()
	var se *StatusError
	if _, err := c.Get(ctx, srv.URL+"/gone", Validators{}); !errors.As(err, &se) || se.Code != 404 || gone.Load() != 1 {
		t.Fatalf("404: %v, %d requests", err, gone.Load())
	}
	if _, err := c.Get(ctx, srv.URL+"/loop-a", Validators{}); !errors.Is(err, ErrRedirects) {
		t.Fatalf("loop: %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/big", Validators{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("big: %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/down", Validators{}); !errors.As(err, &se) || se.Code != 502 {
		t.Fatalf("502 after retries: %v", err)
	}
}

func TestTimeoutIsRetried(t *testing.T) {
	var n atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		if n.Add(1) == 1 {
			select { // hang until the client gives up
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		fmt.Fprint(w, "second try")
	}))
	defer srv.Close()
	defer close(release)
	c := New(config.Fetch{RatePerHost: 1000, Timeout: 200 * time.Millisecond, MaxBodyBytes: 1 << 20}, "test",
		Options{Clock: &fakeClock{}})
	r, err := c.Get(context.Background(), srv.URL+"/slow", Validators{})
	if err != nil || string(r.Body) != "second try" {
		t.Fatalf("%v %v", r, err)
	}
}

func TestConditionalGet(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "page")
	}))
	defer srv.Close()
	c := newTestClient(1000, &fakeClock{})
	r, err := c.Get(context.Background(), srv.URL+"/p", Validators{})
	if err != nil || r.NotModified || r.Validators.ETag != `"v1"` {
		t.Fatalf("%+v %v", r, err)
	}
	r, err = c.Get(context.Background(), srv.URL+"/p", r.Validators)
	if err != nil || !r.NotModified {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestCharsets(t *testing.T) {
	latin := "Stra\xdfe in D\xfcnkirchen"
	tests := []struct {
		name, ct string
		body     string
		want     string
	}{
		{"header", "text/html; charset=ISO-8859-1", "<p>" + latin, "<p>Straße in Dünkirchen"},
		{"meta", "text/html", `<meta charset="iso-8859-1"><p>` + latin, `<meta charset="iso-8859-1"><p>Straße in Dünkirchen`},
		{"http-equiv", "text/html", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>` + latin + "\x96",
			`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Straße in Dünkirchen–`},
		{"xml", "application/rss+xml", `<?xml version="1.0" encoding="ISO-8859-1"?><t>` + latin + `</t>`,
			`<?xml version="1.0" encoding="UTF-8"?><t>Straße in Dünkirchen</t>`},
		{"undeclared utf-8", "text/html", strings.Repeat("a", 2000) + "Dünkirchen", strings.Repeat("a", 2000) + "Dünkirchen"},
		{"undeclared cp1252", "text/html", "<p>" + latin, "<p>Straße in Dünkirchen"},
		{"bom", "text/html", "\xef\xbb\xbf<p>Dünkirchen", "<p>Dünkirchen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := toUTF8([]byte(tt.body), tt.ct)
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func FuzzToUTF8(f *testing.F) {
	f.Add([]byte("<meta charset=\"iso-8859-1\"><p>Stra\xdfe"), "text/html")
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><rss/>`), "application/xml")
	f.Add([]byte("\xef\xbb\xbfD\xc3\xbcnkirchen"), "text/html; charset=utf-8")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		out, _, err := toUTF8(body, ct)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("decoded to invalid UTF-8: %q", out)
		}
	})
}
