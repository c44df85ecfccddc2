package web

import (
	"net/url"
	"strconv"
	"testing"
)

// FuzzPageNumber: ?page= is accepted only as the number pageURL would
// write, and a missing page is page 1.
func FuzzPageNumber(f *testing.F) {
	for _, s := range []string{"page=2", "", "page=0", "page=01", "page=-1", "page=1&page=2", "page=%32", "page=99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		n, ok := pageNumber(q)
		if !ok {
			return
		}
		if _, given := q["page"]; !given {
			if n != 1 {
				t.Fatalf("%q: no page given, read %d", raw, n)
			}
			return
		}
		if n < 1 || len(q["page"]) != 1 || q["page"][0] != strconv.Itoa(n) {
			t.Fatalf("%q read as page %d", raw, n)
		}
	})
}
