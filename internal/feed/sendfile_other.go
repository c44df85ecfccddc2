//go:build !linux

package feed

import "io"

// memBody is Linux-only (memfd and sendfile); elsewhere bodies are written
// from memory.
type memBody struct{}

func newMemBody(string, []byte) *memBody { return nil }

func (m *memBody) writeTo(io.Writer, []byte) bool { return false }
