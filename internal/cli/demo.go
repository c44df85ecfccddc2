package cli

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"text/template"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
)

//go:embed demo_config.yaml
var demoConfig string

// runDemo serves the bundled fixture archives on loopback, ingests them into
// a temporary database and serves the result, fully offline.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("partnerfeed demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { commandUsage(fs, "demo") }
	listen := fs.String("listen", "127.0.0.1:8080", "address of the demo's web server (default: 8080, or a free port if taken)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "listen" })
	if !explicit {
		*listen = freeAddr(*listen)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return demo(ctx, *listen, stdout, stderr)
}

func demo(ctx context.Context, listen string, stdout, stderr io.Writer) int {
	archive := archivetest.New(false)
	defer archive.Close()
	kURL, stopK, err := serveLoopback(archive.Krefeld())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer stopK()
	mURL, stopM, err := serveLoopback(archive.Musterstadt())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer stopM()
	dir, err := os.MkdirTemp("", "partnerfeed-demo-")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer os.RemoveAll(dir)
	var cfgText bytes.Buffer
	template.Must(template.New("demo").Parse(demoConfig)).Execute(&cfgText, map[string]string{
		"Listen": listen, "Krefeld": kURL + archivetest.KrefeldListing, "Musterstadt": mURL + archivetest.MusterstadtListing})
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, cfgText.Bytes(), 0o600); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	cfg, ok := loadConfig(path, stderr)
	if !ok {
		return exitFailure
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "Demo: ingesting the bundled archives (config %s)\n", path)
	code := ingestOnce(ctx, cfg, st, slog.New(slog.NewTextHandler(stderr, nil)), "", false, stdout, stderr)
	st.Close()
	if code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "\nOpen:\n  http://%s/                 partner cities and their feeds\n"+
		"  http://%s/feeds/all.rss     all partnership news (RSS)\n  http://%s/feeds.opml        every feed\n"+
		"  http://%s/metrics           metrics\n  %s%s   the bundled press archive\n  %s%s   the second sample site\n"+
		"Press Ctrl-C to stop.\n", listen, listen, listen, listen, kURL, archivetest.KrefeldListing, mURL, archivetest.MusterstadtListing)
	return serve(ctx, func() {}, cfg, newLogger(cfg.Log, stderr))
}

// serveLoopback serves h on a free loopback port.
func serveLoopback(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("demo: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "demo:", err)
		}
	}()
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// freeAddr returns addr if it can be listened on, else a free loopback port.
func freeAddr(addr string) string {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return addr
		}
	}
	defer ln.Close()
	return ln.Addr().String()
}
