package activitypub_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/activitypub/aptest"
)

// TestAccountDeleteRemovesFollows: the Delete of a follower's own account
// removes all its follows.
func TestAccountDeleteRemovesFollows(t *testing.T) {
	s := newSite(t, false)
	remote := aptest.NewRemote(t, true)
	for _, slug := range []string{"venlo", "leiden"} {
		post(t, s, remote, "/ap/inbox", "carol", remote.Follow("carol", s.actor(slug)), http.StatusAccepted)
	}
	count := func() int {
		n := 0
		for _, slug := range []string{"venlo", "leiden"} {
			c, err := s.store.FediFollowerCount(context.Background(), slug)
			if err != nil {
				t.Fatal(err)
			}
			n += c
		}
		return n
	}
	if n := count(); n != 2 {
		t.Fatalf("%d follows, want 2", n)
	}
	del := map[string]any{"type": "Delete", "id": remote.ActorURL("carol") + "#delete",
		"actor": remote.ActorURL("carol"), "object": remote.ActorURL("carol")}
	post(t, s, remote, "/ap/inbox", "carol", del, http.StatusAccepted)
	if n := count(); n != 0 {
		t.Errorf("%d follows left after the account's Delete", n)
	}
}

// TestDeliveryGivesUpKeepingFollower: a delivery the inbox refuses for
// good (404) fails at once; one that keeps failing (503) is given up after
// GiveUpAfter (here at once); either way the follower stays.
func TestDeliveryGivesUpKeepingFollower(t *testing.T) {
	s := newSite(t, false)
	s.svc.GiveUpAfter = 0
	remote := aptest.NewRemote(t, false)
	remote.Fail = func(inbox string) int {
		switch {
		case strings.Contains(inbox, "/dave/"):
			return http.StatusServiceUnavailable
		case strings.Contains(inbox, "/erin/"):
			return http.StatusNotFound
		}
		return 0
	}
	for _, name := range []string{"dave", "erin"} {
		post(t, s, remote, "/ap/actors/venlo/inbox", name, remote.Follow(name, s.actor("venlo")), http.StatusAccepted)
	}
	a := s.ingest(t, "https://stadt.example/x", "Venlo", "", "venlo")
	waitFor(t, "both deliveries settled", func() bool {
		c, err := s.store.DeliveryCounts(context.Background(), a.ID, activitypub.Channel)
		return err == nil && c["failed"] == 2
	})
	var errs []string
	rows, err := s.store.DB.Query(`SELECT recipient, last_error FROM deliveries WHERE article_id = $1 ORDER BY recipient`, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r, e string
		if err := rows.Scan(&r, &e); err != nil {
			t.Fatal(err)
		}
		errs = append(errs, r+": "+e)
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "/dave/inbox: gave up") || !strings.Contains(errs[1], "refused by the receiving server") {
		t.Errorf("ledger errors: %q", errs)
	}
	if n, err := s.store.FediFollowerCount(context.Background(), "venlo"); err != nil || n != 2 {
		t.Errorf("venlo has %d followers (%v), want both kept", n, err)
	}
}
