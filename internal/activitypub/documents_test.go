package activitypub_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
)

// getJSON fetches a document from the site and decodes it.
func getJSON(t *testing.T, s *site, path string, want int) map[string]any {
	t.Helper()
	resp, err := s.srv.Client().Get(s.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %s, want %d", path, resp.Status, want)
	}
	var doc map[string]any
	if want == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	return doc
}

// TestDocuments: WebFinger finds acct:venlo@host (host with its port) and
// nothing else, NodeInfo links its 2.1 document, the actor is a Service
// named after the partner with its page as url and a public key that
// stays the same for a second process on the same database, the followers
// collection counts, and the outbox pages its posts.
func TestDocuments(t *testing.T) {
	s := newSite(t, false, func(c *config.Config) {
		c.ActivityPub.Icons = map[string]string{"venlo": "https://stadt.example/flags/nl.png"}
	})
	host := s.svc.Host()
	jrd := getJSON(t, s, "/.well-known/webfinger?resource="+url.QueryEscape("acct:venlo@"+host), http.StatusOK)
	links, _ := jrd["links"].([]any)
	self, _ := links[0].(map[string]any)
	if jrd["subject"] != "acct:venlo@"+host || self["href"] != s.actor("venlo") || self["type"] != "application/activity+json" {
		t.Errorf("WebFinger = %v", jrd)
	}
	for _, res := range []string{"acct:venlo@other.example", "acct:nowhere@" + host, "acct:venlo"} {
		getJSON(t, s, "/.well-known/webfinger?resource="+url.QueryEscape(res), http.StatusNotFound)
	}
	ni := getJSON(t, s, "/.well-known/nodeinfo", http.StatusOK)
	if fmt.Sprint(ni["links"]) != fmt.Sprintf("[map[href:%s/nodeinfo/2.1 rel:http://nodeinfo.diaspora.software/ns/schema/2.1]]", s.srv.URL) {
		t.Errorf("NodeInfo links = %v", ni)
	}
	if doc := getJSON(t, s, "/nodeinfo/2.1", http.StatusOK); doc["version"] != "2.1" || fmt.Sprint(doc["protocols"]) != "[activitypub]" {
		t.Errorf("NodeInfo = %v", doc)
	}

	actor := getJSON(t, s, "/ap/actors/venlo", http.StatusOK)
	key, _ := actor["publicKey"].(map[string]any)
	if icon, _ := actor["icon"].(map[string]any); icon["url"] != "https://stadt.example/flags/nl.png" || icon["mediaType"] != "image/png" {
		t.Errorf("actor icon = %v", actor["icon"])
	}
	if all := getJSON(t, s, "/ap/actors/all", http.StatusOK); all["icon"] != nil || all["name"] != "Alle Partnerstädte" {
		t.Errorf("actor all = %v", all)
	}
	if actor["type"] != "Service" || actor["preferredUsername"] != "venlo" || actor["name"] != "Venlo" ||
		actor["summary"] != "Nachrichten über die Städtepartnerschaft mit Venlo" || actor["url"] != s.srv.URL+"/partners/venlo" ||
		actor["discoverable"] != true || key["id"] != s.actor("venlo")+"#main-key" {
		t.Errorf("actor = %v", actor)
	}
	if _, err := activitypub.ParsePublicKey(fmt.Sprint(key["publicKeyPem"])); err != nil {
		t.Error(err)
	}
	getJSON(t, s, "/ap/actors/nowhere", http.StatusNotFound)
	// A second process on the same database publishes the same key.
	other, err := activitypub.New(s.cfg, s.store, jobs.NewInserter(nil), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ap/actors/{slug}", other.Actor)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/ap/actors/venlo", nil))
	var again map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &again); err != nil {
		t.Fatal(err)
	}
	if k2, _ := again["publicKey"].(map[string]any); k2["publicKeyPem"] != key["publicKeyPem"] {
		t.Error("a second process published another key")
	}

	for i := range 25 {
		s.ingest(t, fmt.Sprintf("https://stadt.example/%d", i), fmt.Sprintf("Venlo %d", i), "", "venlo")
	}
	waitFor(t, "25 posts", func() bool { return outboxTotal(t, s, "venlo") == 25 })
	box := getJSON(t, s, "/ap/actors/venlo/outbox", http.StatusOK)
	if box["type"] != "OrderedCollection" || box["totalItems"] != float64(25) {
		t.Errorf("outbox = %v", box)
	}
	first := getJSON(t, s, "/ap/actors/venlo/outbox?page=true", http.StatusOK)
	items, _ := first["orderedItems"].([]any)
	next, _ := first["next"].(string)
	if len(items) != 20 || next == "" {
		t.Fatalf("first page: %d items, next %q", len(items), next)
	}
	u, _ := url.Parse(next)
	second := getJSON(t, s, u.RequestURI(), http.StatusOK)
	if items, _ := second["orderedItems"].([]any); len(items) != 5 || second["next"] != nil {
		t.Errorf("second page: %d items, next %v", len(items), second["next"])
	}
	if f := getJSON(t, s, "/ap/actors/venlo/followers", http.StatusOK); f["totalItems"] != float64(0) || f["orderedItems"] != nil {
		t.Errorf("followers = %v", f)
	}
}
