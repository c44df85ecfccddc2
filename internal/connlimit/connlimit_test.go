package connlimit_test

import (
	"io"
	"net"
	"net/netip"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/connlimit"
)

// TestPerIPCap: a third connection from one address is closed at once, one
// from another address (or an exempt proxy) is accepted, and a closed
// connection frees its place.
func TestPerIPCap(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	proxy := netip.MustParseAddr("127.0.0.9")
	l := connlimit.New(ln, 10, 2, func(a netip.Addr) bool { return a == proxy })
	defer l.Close()
	accepted := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	dial := func(from string) net.Conn {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
		c, err := d.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	dial("127.0.0.2")
	dial("127.0.0.2")
	held := []net.Conn{<-accepted, <-accepted}
	third := dial("127.0.0.2")
	if _, err := third.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("third connection from one address: read %v, want EOF (closed)", err)
	}
	for _, from := range []string{"127.0.0.3", "127.0.0.9", "127.0.0.9", "127.0.0.9"} {
		dial(from)
		if c := <-accepted; c.RemoteAddr().(*net.TCPAddr).IP.String() != from {
			t.Errorf("accepted %v, want a connection from %s", c.RemoteAddr(), from)
		}
	}
	// Closing one of the first two makes room for another.
	held[0].Close()
	dial("127.0.0.2")
	if c := <-accepted; c.RemoteAddr().(*net.TCPAddr).IP.String() != "127.0.0.2" {
		t.Errorf("accepted %v after a close, want 127.0.0.2", c.RemoteAddr())
	}
}

func TestFit(t *testing.T) {
	for _, c := range []struct{ total, limit, want int }{
		{1024, 20000, 1024}, {1024, 256, 128}, {1024, 0, 1024}, {1024, 200, 100}, {100, 228, 100},
	} {
		if got, _ := connlimit.Fit(c.total, c.limit); got != c.want {
			t.Errorf("Fit(%d, %d) = %d, want %d", c.total, c.limit, got, c.want)
		}
	}
}

// TestCloseWhileFull: Close ends an Accept that waits for a free slot.
func TestCloseWhileFull(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := connlimit.New(ln, 1, 0, nil)
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := l.Accept(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { _, err := l.Accept(); done <- err }()
	l.Close()
	if err := <-done; err == nil {
		t.Error("Accept on a closed, full listener returned a connection")
	}
}
