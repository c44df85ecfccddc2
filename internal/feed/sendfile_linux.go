//go:build linux

package feed

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// memBody keeps a response body in an anonymous in-memory file (memfd), so
// that the kernel can send it with sendfile(2) instead of copying it from
// user space on every request: large feeds then cost about what a static file
// costs nginx. Each request reads through its own open file description
// (sendfile moves the file offset), taken from a pool.
type memBody struct {
	file *os.File
	path string
	size int64
	pool sync.Pool
}

// newMemBody copies b into a memfd; nil when the system does not allow it
// (the caller then writes from the byte slice).
func newMemBody(name string, b []byte) *memBody {
	fd, err := unix.MemfdCreate(name, unix.MFD_CLOEXEC)
	if err != nil {
		return nil
	}
	f := os.NewFile(uintptr(fd), name)
	if _, err := f.Write(b); err != nil {
		f.Close()
		return nil
	}
	m := &memBody{file: f, path: fmt.Sprintf("/proc/self/fd/%d", fd), size: int64(len(b))}
	r := m.get(0)
	if r == nil {
		f.Close()
		return nil
	}
	m.put(r)
	return m
}

// get returns a reader positioned at off, or nil.
func (m *memBody) get(off int64) *os.File {
	if v := m.pool.Get(); v != nil {
		r := v.(*os.File)
		if _, err := r.Seek(off, io.SeekStart); err == nil {
			return r
		}
		r.Close()
	}
	// Opening the /proc path gives a new open file description with its own
	// offset (dup would share one). m.file stays open while m is reachable.
	r, err := os.Open(m.path)
	runtime.KeepAlive(m)
	if err != nil {
		return nil
	}
	if _, err := r.Seek(off, io.SeekStart); err != nil {
		r.Close()
		return nil
	}
	return r
}

func (m *memBody) put(r *os.File) { m.pool.Put(r) }

// headLen is what net/http copies itself before it hands a body to sendfile.
const headLen = 512

// writeTo sends body (the memfd's content) to w and reports whether it did;
// false leaves the caller to write the bytes itself. The first bytes go out
// from memory with the header in one write; sendfile sends the rest.
func (m *memBody) writeTo(w io.Writer, body []byte) bool {
	if m == nil || len(body) <= headLen {
		return false
	}
	rf, ok := w.(io.ReaderFrom)
	fl, ok2 := w.(interface{ Flush() })
	if !ok || !ok2 {
		return false
	}
	r := m.get(headLen)
	if r == nil {
		return false
	}
	// Errors here are the client's (a closed connection): nothing to fall
	// back to, as part of the body may have been sent.
	if _, err := w.Write(body[:headLen]); err == nil {
		fl.Flush()
		rf.ReadFrom(&io.LimitedReader{R: r, N: m.size - headLen})
	}
	m.put(r)
	return true
}
