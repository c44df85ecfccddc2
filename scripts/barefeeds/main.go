// Command barefeeds is the baseline of scripts/bench-feeds: a bare net/http
// handler (no mux, no middleware) that serves feeds from precomputed bytes
// and headers, as little as the standard library needs to do for a feed
// request. For every FILE under -dir with FILE.gz, FILE.headers and
// FILE.gz.headers beside it (response headers as `curl -D` writes them;
// FILE.304.headers and FILE.gz.304.headers for the 304s), it answers GET
// /feeds/FILE with the gzip bytes when Accept-Encoding names gzip, else the
// plain bytes, and 304 Not Modified when If-None-Match equals the ETag or
// If-Modified-Since equals the Last-Modified (exact comparisons: the bench
// sends exactly these).
//
// -timeouts gives the server partnerfeed's default timeouts and header limit.
//
//	go run ./scripts/barefeeds -dir DIR -listen 127.0.0.1:PORT [-timeouts]
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
)

// variant is one encoding of a feed with its response headers.
type variant struct {
	body    []byte
	header  http.Header // for a 200
	header3 http.Header // for a 304: without Content-Length and Content-Encoding
	etag    string
	lastMod string
}

type feedFile struct{ plain, gz variant }

type server map[string]*feedFile // by URL path

func main() {
	dir := flag.String("dir", "", "folder of the feed files and their headers")
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	timeouts := flag.Bool("timeouts", false, "the HTTP server's timeouts and header limit of partnerfeed's defaults")
	flag.Parse()
	s, err := load(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "barefeeds:", err)
		os.Exit(1)
	}
	srv := &http.Server{Addr: *listen, Handler: s}
	if *timeouts {
		var c config.HTTP
		c.ApplyDefaults()
		srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout = c.ReadHeaderTimeout, c.ReadTimeout, c.WriteTimeout
		srv.IdleTimeout, srv.MaxHeaderBytes = c.IdleTimeout, c.MaxHeaderBytes
	}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, "barefeeds:", err)
		os.Exit(1)
	}
}

func (s server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := s[r.URL.Path]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	v := &f.plain
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		v = &f.gz
	}
	h := w.Header()
	if inm := r.Header.Get("If-None-Match"); (inm != "" && inm == v.etag) ||
		(inm == "" && v.lastMod != "" && r.Header.Get("If-Modified-Since") == v.lastMod) {
		for k, vv := range v.header3 {
			h[k] = vv
		}
		w.WriteHeader(http.StatusNotModified)
		return
	}
	for k, vv := range v.header {
		h[k] = vv
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(v.body)
	}
}

// load reads every feed of dir with its gzip twin and both header files.
func load(dir string) (server, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.headers"))
	if err != nil {
		return nil, err
	}
	s := server{}
	for _, hn := range names {
		name := strings.TrimSuffix(hn, ".headers")
		if strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".304") {
			continue
		}
		f := &feedFile{}
		if err := f.plain.read(name); err != nil {
			return nil, err
		}
		if err := f.gz.read(name + ".gz"); err != nil {
			return nil, err
		}
		s["/feeds/"+filepath.Base(name)] = f
	}
	if len(s) == 0 {
		return nil, fmt.Errorf("no FILE.headers in %q", dir)
	}
	return s, nil
}

// read loads a body, the header file beside it and, when there is one, the
// header file of its 304 (FILE.304.headers); without one a 304 sends the
// 200's headers but Content-Length and Content-Encoding.
func (v *variant) read(name string) error {
	var err error
	if v.body, err = os.ReadFile(name); err != nil {
		return err
	}
	if v.header, err = readHeaders(name + ".headers"); err != nil {
		return err
	}
	v.header3, err = readHeaders(name + ".304.headers")
	if errors.Is(err, fs.ErrNotExist) {
		v.header3 = v.header.Clone()
		delete(v.header3, "Content-Length")
		delete(v.header3, "Content-Encoding")
	} else if err != nil {
		return err
	}
	v.etag, v.lastMod = v.header.Get("Etag"), v.header.Get("Last-Modified")
	return nil
}

// readHeaders reads a response's headers as `curl -D` writes them, but Date
// (net/http sends its own).
func readHeaders(file string) (http.Header, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	if _, err := tp.ReadLine(); err != nil { // the status line
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	mh, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	h := http.Header(mh)
	delete(h, "Date")
	return h, nil
}
