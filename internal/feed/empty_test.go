package feed_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestEmptyFeedUpdatedAtCreation: a feed without items says it was updated
// when the feeds were created (not 1970), sends that as Last-Modified, and
// says the same after a restart (another Cache on the same database).
func TestEmptyFeedUpdatedAtCreation(t *testing.T) {
	s, _ := newStore(t)
	before := time.Now().Add(-time.Second)
	c, _ := newCache(t, s, "")
	atom := string(body(t, c, "venlo.atom"))
	m := regexp.MustCompile(`<updated>([^<]+)</updated>`).FindStringSubmatch(atom)
	if m == nil {
		t.Fatalf("no updated:\n%s", atom)
	}
	updated, err := time.Parse(time.RFC3339, m[1])
	if err != nil || updated.Before(before.Truncate(time.Second)) || updated.After(time.Now()) {
		t.Fatalf("empty feed updated %q, want the time the feeds were created", m[1])
	}
	for _, name := range []string{"venlo.atom", "venlo.rss", "venlo.json", "all.atom"} {
		r, _ := c.Get(name)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest("GET", "/feeds/"+name, nil))
		lm, err := http.ParseTime(rec.Header().Get("Last-Modified"))
		if err != nil || !lm.Equal(updated) {
			t.Errorf("%s: Last-Modified %q, want %v", name, rec.Header().Get("Last-Modified"), updated)
		}
		if strings.Contains(rec.Body.String(), "1970") {
			t.Errorf("%s names 1970", name)
		}
	}
	again, _ := newCache(t, s, "")
	if string(body(t, again, "venlo.atom")) != atom {
		t.Error("a restart changed the empty feed")
	}
}
