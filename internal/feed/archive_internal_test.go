package feed

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
)

func TestArchiveCacheBounded(t *testing.T) {
	a := newArchiveCache(3)
	r := func(i int) *Rendered { return &Rendered{ETag: strconv.Itoa(i)} }
	_, gen, _ := a.get("x")
	for i := 1; i <= 5; i++ {
		a.put(fmt.Sprint(i), r(i), gen)
		if i == 3 {
			a.get("1") // 1 is used again: 2 goes first
		}
	}
	if a.len() != 3 {
		t.Fatalf("%d pages held, want 3", a.len())
	}
	for key, want := range map[string]bool{"1": true, "2": false, "3": false, "4": true, "5": true} {
		if _, _, ok := a.get(key); ok != want {
			t.Errorf("page %s held: %v, want %v", key, ok, want)
		}
	}
	// A page rendered before the data changed is not stored after the change.
	a.clear()
	a.put("6", r(6), gen)
	if _, _, ok := a.get("6"); ok || a.len() != 0 {
		t.Errorf("a page of old data was stored after clear (%d held)", a.len())
	}
}

func TestParseArchiveName(t *testing.T) {
	for name, want := range map[string]string{
		"1.atom": "1 atom", "12.rss": "12 rss", "999999999.json": "999999999 json",
		"0.atom": "", "01.atom": "", "1": "", ".atom": "", "1.xml": "", "1.atom.gz": "",
		"-1.rss": "", "+1.rss": "", "1e3.rss": "", "1234567890.rss": "", "١.rss": "", "": "",
	} {
		n, f, err := ParseArchiveName(name)
		got := fmt.Sprintf("%d %s", n, f)
		if err != nil {
			got = ""
			if !errors.Is(err, ErrBadArchiveName) {
				t.Errorf("%q: error %v is not ErrBadArchiveName", name, err)
			}
		}
		if got != want {
			t.Errorf("ParseArchiveName(%q) = %q, want %q", name, got, want)
		}
	}
}

// FuzzParseArchiveName: a name is accepted only when it is exactly what
// ArchiveURL writes for the page and format read from it.
func FuzzParseArchiveName(f *testing.F) {
	for _, s := range []string{"1.atom", "42.json", "0.rss", "01.rss", "1.", "x.atom", "1.atom/2"} {
		f.Add(s)
	}
	s := Site{BaseURL: "https://e.example"}
	f.Fuzz(func(t *testing.T, name string) {
		n, format, err := ParseArchiveName(name)
		if err != nil {
			return
		}
		if n < 1 || s.ArchiveURL("p", n, format) != "https://e.example/feeds/p/archive/"+name {
			t.Fatalf("%q read as page %d, format %q", name, n, format)
		}
	})
}
