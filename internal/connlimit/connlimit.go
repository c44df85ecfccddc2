// Package connlimit caps the connections an HTTP server holds: in total
// (more wait in the kernel's accept queue, so the process never runs out of
// file descriptors) and per client address (more are closed at once, so
// that one client holding connections open — sending its request slowly,
// say — leaves room for everyone else, the health checks included).
package connlimit

import (
	"io"
	"net"
	"net/netip"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var refused = promauto.NewCounter(prometheus.CounterOpts{
	Name: "partnerfeed_http_connections_refused_total",
	Help: "Connections closed at once because their client address held http.max_connections_per_ip already.",
})

// Listener is a net.Listener with the caps.
type Listener struct {
	net.Listener
	slots  chan struct{} // one per open connection
	perIP  int
	exempt func(netip.Addr) bool
	mu     sync.Mutex
	open   map[netip.Addr]int
	done   chan struct{} // closed by Close: a waiting Accept gives up
	closer sync.Once
}

// New wraps ln: at most total connections open at once, at most perIP of
// one client address unless exempt says it is a proxy (zero: no such cap).
func New(ln net.Listener, total, perIP int, exempt func(netip.Addr) bool) *Listener {
	l := &Listener{Listener: ln, perIP: perIP, exempt: exempt, open: map[netip.Addr]int{}, done: make(chan struct{})}
	if total > 0 {
		l.slots = make(chan struct{}, total)
	}
	return l
}

// Accept waits for a free slot, then returns the next connection whose
// address is below its cap; the others are closed.
func (l *Listener) Accept() (net.Conn, error) {
	if l.slots != nil {
		select {
		case l.slots <- struct{}{}:
		case <-l.done:
			return nil, net.ErrClosed
		}
	}
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			l.release()
			return nil, err
		}
		addr := remoteAddr(c)
		if l.perIP <= 0 || !addr.IsValid() || (l.exempt != nil && l.exempt(addr)) {
			return l.wrap(c, netip.Addr{}), nil
		}
		l.mu.Lock()
		if l.open[addr] >= l.perIP {
			l.mu.Unlock()
			refused.Inc()
			c.Close()
			continue
		}
		l.open[addr]++
		l.mu.Unlock()
		return l.wrap(c, addr), nil
	}
}

// Close closes the listener; an Accept waiting for a free slot returns.
func (l *Listener) Close() error {
	l.closer.Do(func() { close(l.done) })
	return l.Listener.Close()
}

func (l *Listener) release() {
	if l.slots != nil {
		<-l.slots
	}
}

func (l *Listener) wrap(c net.Conn, addr netip.Addr) net.Conn {
	return &conn{Conn: c, done: sync.OnceFunc(func() {
		if addr.IsValid() {
			l.mu.Lock()
			if l.open[addr]--; l.open[addr] <= 0 {
				delete(l.open, addr)
			}
			l.mu.Unlock()
		}
		l.release()
	})}
}

// remoteAddr is the connection's peer address, without port and zone.
func remoteAddr(c net.Conn) netip.Addr {
	if ap, err := netip.ParseAddrPort(c.RemoteAddr().String()); err == nil {
		return ap.Addr().Unmap().WithZone("")
	}
	return netip.Addr{}
}

// conn frees its slot when closed (net/http closes each connection once,
// but twice must not free two slots).
type conn struct {
	net.Conn
	done func()
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.done()
	return err
}

// ReadFrom keeps the kernel's sendfile path that net/http takes for a
// *net.TCPConn (the feeds are sent from memory files that way).
func (c *conn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{c.Conn}, r)
}
