package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// TestServeAfterIngestRetagsNothing: the ingest command records the tagger's
// fingerprint with the tags it stores, so a serve start right after it, with
// the same configuration, re-tags nothing (the demo's case).
func TestServeAfterIngestRetagsNothing(t *testing.T) {
	_, url := fixtureServer(t)
	path := fixtureConfig(t, fmt.Sprintf(`  - {name: krefeld, kind: html, url: "%s%s", schedule: "@hourly"}`, url, archivetest.KrefeldListing), "127.0.0.1:1")
	var out, errOut bytes.Buffer
	if code := Run([]string{"ingest", "--config", path}, &out, &errOut); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errOut.String())
	}
	ctx := context.Background()
	cfg, ok := loadConfig(path, io.Discard)
	if !ok {
		t.Fatal("config")
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if fp, err := st.Setting(ctx, settingTagFingerprint); err != nil || fp != tag.Fingerprint(cfg.Partners) {
		t.Fatalf("ingest recorded fingerprint %q, %v", fp, err)
	}
	taggedAt := func() map[int64]time.Time {
		list, err := st.ListArticles(ctx, store.ListOptions{Tagged: true})
		if err != nil {
			t.Fatal(err)
		}
		m := map[int64]time.Time{}
		for _, a := range list {
			m[a.ID] = a.Tags[0].TaggedAt
		}
		return m
	}
	before := taggedAt()
	if len(before) == 0 {
		t.Fatal("ingest tagged nothing: the test would show nothing")
	}
	time.Sleep(5 * time.Millisecond) // moves the clock on, so that a re-tag would get a later tagged_at; waits for no outcome
	fan := &recordingFanout{got: map[int64][]string{}}
	a, stop := start(t, st, cfg, fan)
	err = runBackground(ctx, a)
	stop()
	if err != nil {
		t.Fatal(err)
	}
	for id, at := range taggedAt() {
		if !at.Equal(before[id]) {
			t.Errorf("article %d re-tagged at start (%s, ingest tagged it at %s)", id, at, before[id])
		}
	}
}
