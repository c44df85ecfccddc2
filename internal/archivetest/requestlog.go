package archivetest

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// RequestLog is a fixture site's request log: it wraps the site's handler,
// records when each request started and ended and how many were open at
// once, and slows every answer by Delay, so that two clients crawling the
// site at the same time show as overlapping requests. A request ends when
// it is answered or its client goes away.
type RequestLog struct {
	Handler http.Handler
	Delay   time.Duration

	mu       sync.Mutex
	entries  []Request
	open     int
	maxOpen  int
	overlaps []string
}

// Request is one logged request.
type Request struct {
	Path       string
	Start, End time.Time
	// Open is how many requests were open when it started, itself included.
	Open int
}

// ServeHTTP logs the request around the site's answer.
func (l *RequestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.open++
	open := l.open
	l.maxOpen = max(l.maxOpen, open)
	if open > 1 {
		l.overlaps = append(l.overlaps, fmt.Sprintf("%s started while %d other requests were open", r.URL.Path, open-1))
	}
	l.mu.Unlock()
	start := time.Now()
	if l.Delay > 0 { // the site's answer time
		select {
		case <-time.After(l.Delay):
		case <-r.Context().Done(): // the client went away (a stopped process): no longer open
		}
	}
	if r.Context().Err() == nil {
		l.Handler.ServeHTTP(w, r)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	l.entries = append(l.entries, Request{Path: r.URL.Path, Start: start, End: time.Now(), Open: open})
}

// Requests returns the requests answered so far, in the order they ended.
func (l *RequestLog) Requests() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Request(nil), l.entries...)
}

// MaxOpen is the most requests that were open at once.
func (l *RequestLog) MaxOpen() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.maxOpen
}

// Overlaps describes every request that started while another was open.
func (l *RequestLog) Overlaps() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.overlaps...)
}
