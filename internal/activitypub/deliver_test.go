package activitypub_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/activitypub/aptest"
)

// TestFollowCreateUpdateDelete: a remote account follows venlo (signed
// Follow, signed Accept back), gets the Create of a new Venlo article once
// (signed, with title, lead, link, hashtag, language, image and alt), an
// Update after the title changed and a Delete after it was hidden; an
// article first seen before the follow, and one after the Undo, never
// reach it.
func TestFollowCreateUpdateDelete(t *testing.T) {
	s := newSite(t, false)
	remote := aptest.NewRemote(t, true)
	old := s.ingest(t, "https://stadt.example/alt", "Vor dem Folgen", "", "venlo")
	waitFor(t, "the old article's fan-out", func() bool { return outboxTotal(t, s, "venlo") == 1 })

	post(t, s, remote, "/ap/actors/venlo/inbox", "alice", remote.Follow("alice", s.actor("venlo")), http.StatusAccepted)
	waitFor(t, "the Accept", func() bool { return len(remote.Count("Accept", "")) == 1 })
	acc := remote.Received()[0]
	if !acc.Verified || acc.Activity.Actor != s.actor("venlo") || acc.Activity.ObjectType != "Follow" {
		t.Fatalf("Accept = %+v, want one signed by venlo of alice's Follow", acc)
	}

	a := s.ingest(t, "https://stadt.example/neu", "Besuch aus Venlo", "Der Bürgermeister kam.", "venlo")
	note := s.actor("venlo") + fmt.Sprintf("/notes/%d", a.ID)
	waitFor(t, "the Create", func() bool { return remote.Count("Create", note)["/inbox"] == 1 })
	var create struct {
		Object struct {
			Content    string            `json:"content"`
			ContentMap map[string]string `json:"contentMap"`
			Language   string            `json:"language"`
			Tag        []struct{ Name string }
			Attachment []struct{ URL, Name string }
		} `json:"object"`
	}
	for _, rec := range remote.Received() {
		if rec.Activity.Type == "Create" {
			if !rec.Verified {
				t.Error("the Create's signature does not verify")
			}
			if err := json.Unmarshal(rec.Body, &create); err != nil {
				t.Fatal(err)
			}
		}
	}
	o := create.Object
	if !strings.HasPrefix(o.Content, "<p><strong>Besuch aus Venlo</strong></p><p>Der Bürgermeister kam.</p>") ||
		!strings.Contains(o.Content, "https://stadt.example/neu") || o.Language != "de" || o.ContentMap["de"] != o.Content ||
		len(o.Tag) != 1 || o.Tag[0].Name != "#Venlo" || len(o.Attachment) != 1 || o.Attachment[0].Name != "Der Markt in Besuch aus Venlo" {
		t.Errorf("Create's Note = %+v", o)
	}

	s.edit(t, a, "Besuch aus Venlo (korrigiert)")
	waitFor(t, "the Update", func() bool { return remote.Count("Update", "")["/inbox"] == 1 })
	s.hide(t, a.ID)
	waitFor(t, "the Delete", func() bool { return remote.Count("Delete", note)["/inbox"] == 1 })

	post(t, s, remote, "/ap/inbox", "alice", remote.Undo("alice", s.actor("venlo")), http.StatusAccepted)
	// Barrier: bob follows leiden; a later article about both arrives for
	// bob (leiden) and not for alice (venlo, undone).
	post(t, s, remote, "/ap/inbox", "bob", remote.Follow("bob", s.actor("leiden")), http.StatusAccepted)
	waitFor(t, "bob's Accept", func() bool { return remote.Count("Accept", "")["/users/bob/inbox"] == 1 })
	b := s.ingest(t, "https://stadt.example/beide", "Venlo und Leiden", "", "venlo", "leiden")
	waitFor(t, "leiden's Create", func() bool {
		return remote.Count("Create", s.actor("leiden")+fmt.Sprintf("/notes/%d", b.ID))["/inbox"] == 1
	})
	for _, rec := range remote.Received() {
		if rec.Activity.Type == "Create" && rec.Activity.Object != note && rec.Activity.Object != s.actor("leiden")+fmt.Sprintf("/notes/%d", b.ID) {
			t.Errorf("unexpected Create %s (old article %d, or after the Undo)", rec.Activity.Object, old.ID)
		}
	}
	if n := len(remote.Count("Create", "")); n != 1 {
		t.Errorf("Creates went to %d inboxes", n)
	}
}

func post(t *testing.T, s *site, remote *aptest.Remote, path, name string, activity any, want int) {
	t.Helper()
	req, _ := remote.Request(t, s.srv.URL+path, name, activity, time.Now())
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("POST %s: %s, want %d", path, resp.Status, want)
	}
}

func outboxTotal(t *testing.T, s *site, slug string) int {
	t.Helper()
	_, n, err := s.store.FediOutbox(context.Background(), slug, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
