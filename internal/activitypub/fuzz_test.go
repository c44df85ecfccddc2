package activitypub_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
)

// FuzzParseActivity: any bytes give an activity or an error, never a
// panic; a parsed activity has a type and an actor, and its object id is
// found again when the object is re-encoded as a bare id.
func FuzzParseActivity(f *testing.F) {
	for _, seed := range []string{
		`{"type":"Follow","actor":"https://a.example/u/x","object":"https://b.example/ap/actors/venlo","id":"https://a.example/1"}`,
		`{"type":["Undo"],"actor":{"id":"https://a.example/u/x"},"object":{"type":"Follow","actor":"https://a.example/u/x","object":"https://b.example/ap/actors/venlo"}}`,
		`{"type":"Delete","actor":"https://a.example/u/x","object":["https://a.example/u/x"]}`,
		`{"type":"Create","actor":[{"id":"x"}],"object":{"id":"n","type":"Note","content":"<p>hi</p>"}}`,
		`[]`, `null`, `{"type":1}`, `{"actor":"x"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := activitypub.ParseActivity(b)
		if err != nil {
			return
		}
		if a.Type == "" || a.Actor == "" {
			t.Fatalf("parsed %q without type or actor: %+v", b, a)
		}
		again, _ := json.Marshal(map[string]any{"type": a.Type, "actor": a.Actor, "object": a.Object})
		b2, err := activitypub.ParseActivity(again)
		if err != nil || b2.Type != a.Type || b2.Actor != a.Actor || b2.Object != a.Object {
			t.Fatalf("re-encoded %s parsed as %+v (%v), want %+v", again, b2, err, a)
		}
	})
}

// FuzzParseSignature: any header gives parameters or an error, never a
// panic; parsed parameters have a keyId, a signature and headers, and
// writing them out again parses to the same.
func FuzzParseSignature(f *testing.F) {
	for _, seed := range []string{
		`keyId="https://a.example/u/x#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="YWJj"`,
		`keyId="k", signature="YWJj"`,
		`keyId="k",signature="not base64!"`,
		`keyId="k,signature="x"`, `=`, `keyId=k`, `keyId="",signature=""`, `headers="a b",keyId="k",signature="AAAA",x="y"`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, h string) {
		p, err := activitypub.ParseSignature(h)
		if err != nil {
			return
		}
		if p.KeyID == "" || p.Signature == "" || len(p.Headers) == 0 {
			t.Fatalf("parsed %q without keyId, signature or headers: %+v", h, p)
		}
		if strings.ContainsRune(p.KeyID, '"') || strings.ContainsRune(p.Signature, '"') {
			t.Fatalf("a value of %q holds a quote: %+v", h, p)
		}
		out := `keyId="` + p.KeyID + `",algorithm="` + p.Algorithm + `",headers="` + strings.Join(p.Headers, " ") +
			`",signature="` + p.Signature + `"`
		p2, err := activitypub.ParseSignature(out)
		if err != nil || p2.KeyID != p.KeyID || p2.Signature != p.Signature || strings.Join(p2.Headers, " ") != strings.Join(p.Headers, " ") {
			t.Fatalf("%q written out as %q parsed as %+v (%v)", h, out, p2, err)
		}
	})
}
