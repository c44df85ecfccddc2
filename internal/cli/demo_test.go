package cli

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
)

func TestDemoOffline(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	listen := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedWriter
	out.w, errOut.w = &bytes.Buffer{}, &bytes.Buffer{}
	var wg sync.WaitGroup
	code := -1
	wg.Add(1)
	go func() { defer wg.Done(); code = demo(ctx, listen, &out, &errOut) }()
	waitHealthy(t, listen)
	cancel()
	wg.Wait()
	text := out.w.String()
	if code != exitOK || !strings.Contains(text, "krefeld-presse: pages 9 (304: 0), new 45") ||
		!strings.Contains(text, "musterstadt: pages 3 (304: 0), new 8") || !strings.Contains(text, "http://"+listen+"/") {
		t.Fatalf("demo exit %d\n%s\n%s", code, text, errOut.w.String())
	}
}
