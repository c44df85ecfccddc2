package activitypub_test

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// fedifyEvent is one line the Fedify follower writes (see
// testdata/fedify-follower.mjs).
type fedifyEvent struct {
	Event, Type, Actor, Object, Handle, Username, Message, KeyID, Content, Language, URL string
	Tags                                                                                 []string
	Attachments                                                                          []struct{ URL, Name string }
	Raw                                                                                  string `json:"-"`
}

// fedify is the harness of the Fedify follower: a Node process, its
// events, and the commands sent to it.
type fedify struct {
	t      *testing.T
	stdin  io.WriteCloser
	events chan fedifyEvent
	seen   []fedifyEvent
}

// startFedify runs the follower with Node and @fedify/fedify from
// PARTNERFEED_FEDIFY_MODULES (scripts/test installs both), trusting the
// certificate of partnerfeed's TLS test server.
func startFedify(t *testing.T, s *site) *fedify {
	t.Helper()
	node := testutil.RequireTool(t, "node")
	modules := testutil.RequireEnvFile(t, "PARTNERFEED_FEDIFY_MODULES")
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, node, "testdata/fedify-follower.mjs")
	cmd.Env = append(os.Environ(), "NODE_EXTRA_CA_CERTS="+ca, "PARTNERFEED_FEDIFY_MODULES="+modules)
	cmd.Stderr = &testWriter{t}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	f := &fedify{t: t, stdin: stdin, events: make(chan fedifyEvent, 100)}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var ev fedifyEvent
			if json.Unmarshal(sc.Bytes(), &ev) == nil {
				ev.Raw = sc.Text()
				f.events <- ev
			}
		}
		close(f.events)
	}()
	t.Cleanup(func() {
		stdin.Close()
		cancel()
		_ = cmd.Wait()
	})
	return f
}

// testWriter logs a process's stderr in the test's log.
type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// send writes a command to the follower.
func (f *fedify) send(cmd, handle string) {
	b, _ := json.Marshal(map[string]string{"cmd": cmd, "handle": handle})
	if _, err := f.stdin.Write(append(b, '\n')); err != nil {
		f.t.Fatal(err)
	}
}

// expect waits for the next event that matches (a minute at most, a hang
// guard); errors reported by the follower fail the test.
func (f *fedify) expect(what string, match func(fedifyEvent) bool) fedifyEvent {
	f.t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case ev, ok := <-f.events:
			if !ok {
				f.t.Fatalf("the Fedify follower ended before %s", what)
			}
			f.seen = append(f.seen, ev)
			if ev.Event == "error" {
				f.t.Fatalf("Fedify follower: %s", ev.Message)
			}
			if match(ev) {
				return ev
			}
		case <-timeout:
			f.t.Fatalf("timed out waiting for %s; seen: %v", what, f.seen)
		}
	}
}

// TestFedifyFollower: Fedify, as a follower on loopback, resolves
// acct:venlo@host through WebFinger, follows, gets the signed Accept, then
// the Create of a newly ingested Venlo article (Fedify verifies its
// signature itself), an Update after the article changed and a Delete
// after it was hidden; after its Undo nothing more of venlo arrives,
// while a later article reaches it from leiden, which it still follows.
func TestFedifyFollower(t *testing.T) {
	s := newSite(t, true)
	f := startFedify(t, s)
	f.expect("the follower listening", func(ev fedifyEvent) bool { return ev.Event == "listening" })
	venlo, leiden := s.actor("venlo"), s.actor("leiden")
	isVerified := func(actor string) func(fedifyEvent) bool {
		return func(ev fedifyEvent) bool {
			if ev.Event == "verified" && ev.KeyID == "" {
				t.Fatal("Fedify's verifyRequest refused a request of partnerfeed's")
			}
			return ev.Event == "verified" && ev.KeyID == actor+"#main-key"
		}
	}
	isInbox := func(typ, actor, object string) func(fedifyEvent) bool {
		return func(ev fedifyEvent) bool {
			return ev.Event == "inbox" && ev.Type == typ && ev.Actor == actor && (object == "" || ev.Object == object)
		}
	}

	for _, slug := range []string{"venlo", "leiden"} {
		handle := "acct:" + slug + "@" + s.svc.Host()
		f.send("follow", handle)
		ev := f.expect("the follow of "+slug, func(ev fedifyEvent) bool { return ev.Event == "followed" && ev.Handle == handle })
		if ev.Actor != s.actor(slug) || ev.Type != "Service" || ev.Username != slug {
			t.Fatalf("WebFinger led Fedify to %+v", ev)
		}
		f.expect("the Accept's verification", isVerified(s.actor(slug)))
		f.expect("the Accept from "+slug, isInbox("Accept", s.actor(slug), ""))
	}

	a := s.ingest(t, "https://stadt.example/venlo-besuch", "Besuch aus Venlo", "Der Bürgermeister kam.", "venlo")
	note := venlo + fmt.Sprintf("/notes/%d", a.ID)
	f.expect("the Create's verification", isVerified(venlo))
	create := f.expect("the Create", isInbox("Create", venlo, note))
	if !strings.HasPrefix(create.Content, "<p><strong>Besuch aus Venlo</strong></p><p>Der Bürgermeister kam.</p>") ||
		!strings.Contains(create.Content, a.URL) || create.Language != "de" || strings.Join(create.Tags, " ") != "#Venlo" ||
		len(create.Attachments) != 1 || create.Attachments[0].Name != "Der Markt in Besuch aus Venlo" {
		t.Errorf("Fedify read the Create as %s", create.Raw)
	}

	s.edit(t, a, "Besuch aus Venlo (korrigiert)")
	upd := f.expect("the Update", isInbox("Update", venlo, note))
	if !strings.Contains(upd.Content, "korrigiert") {
		t.Errorf("Fedify read the Update as %s", upd.Raw)
	}
	s.hide(t, a.ID)
	f.expect("the Delete", isInbox("Delete", venlo, note))

	f.send("undo", "acct:venlo@"+s.svc.Host())
	f.expect("the Undo sent", func(ev fedifyEvent) bool { return ev.Event == "undone" })
	b := s.ingest(t, "https://stadt.example/beide", "Venlo und Leiden", "", "venlo", "leiden")
	f.expect("the barrier: leiden's Create", isInbox("Create", leiden, leiden+fmt.Sprintf("/notes/%d", b.ID)))
	waitFor(t, "the barrier article's deliveries", func() bool {
		c, err := s.store.DeliveryCounts(context.Background(), b.ID, activitypub.Channel)
		return err == nil && c["pending"]+c["sending"] == 0
	})
	c, _ := s.store.DeliveryCounts(context.Background(), b.ID, activitypub.Channel)
	if c["sent"] != 1 || len(c) != 1 {
		t.Errorf("deliveries of the article after the Undo: %v, want one (leiden's)", c)
	}
	for _, ev := range f.seen {
		if ev.Event == "inbox" && ev.Actor == venlo && ev.Object == venlo+fmt.Sprintf("/notes/%d", b.ID) {
			t.Errorf("venlo's Create arrived after the Undo: %s", ev.Raw)
		}
	}
}
