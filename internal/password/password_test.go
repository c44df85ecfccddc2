package password

import (
	"strings"
	"testing"
)

// cheap keeps the tests fast; the parameters do not change the logic.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(h, "correct horse") {
		t.Fatalf("hash %q", h)
	}
	for pw, want := range map[string]bool{"correct horse": true, "correct hors": false, "": false, "Correct horse": false} {
		ok, err := Verify(pw, h)
		if err != nil || ok != want {
			t.Errorf("Verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	h2, _ := Hash("correct horse", cheap)
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestDefaultParamsRoundTrip(t *testing.T) {
	e := Encoded{Params: Default, Salt: make([]byte, 16), Key: make([]byte, 32)}
	got, err := Parse(e.String())
	if err != nil || got.Params != Default {
		t.Fatalf("Parse(%q) = %+v, %v", e.String(), got.Params, err)
	}
}

func TestParseRejects(t *testing.T) {
	valid := "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	if _, err := Parse(valid); err != nil {
		t.Fatalf("valid hash refused: %v", err)
	}
	for name, s := range map[string]string{
		"empty":          "",
		"argon2i":        strings.Replace(valid, "argon2id", "argon2i", 1),
		"old version":    strings.Replace(valid, "v=19", "v=16", 1),
		"huge memory":    strings.Replace(valid, "m=64", "m=4194304", 1),
		"zero time":      strings.Replace(valid, "t=1", "t=0", 1),
		"many threads":   strings.Replace(valid, "p=1", "p=200", 1),
		"leading zero":   strings.Replace(valid, "m=64", "m=064", 1),
		"signed":         strings.Replace(valid, "t=1", "t=+1", 1),
		"order":          strings.Replace(valid, "m=64,t=1,p=1", "t=1,m=64,p=1", 1),
		"short salt":     "$argon2id$v=19$m=64,t=1,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"padded":         valid + "=",
		"extra part":     valid + "$x",
		"plain password": "hunter2",
	} {
		if _, err := Parse(s); err == nil {
			t.Errorf("%s: Parse(%q) accepted", name, s)
		}
	}
}

// FuzzParse: Parse never panics, accepts only hashes within the limits, and
// what it accepts is written back byte for byte.
func FuzzParse(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Add("$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5")
	f.Add("$argon2i$v=19$m=1,t=1,p=1$$")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			return
		}
		if e.Params.Memory > maxMemory || e.Params.Time > maxTime || e.Params.Threads > maxThreads || e.Params.Threads == 0 {
			t.Fatalf("Parse(%q) accepted parameters %+v", s, e.Params)
		}
		if got := e.String(); got != s {
			t.Fatalf("Parse(%q).String() = %q", s, got)
		}
	})
}
