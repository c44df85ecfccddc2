package testutil

import (
	"testing"
)

// fakeTB records how a helper ended a test, without ending this one.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skip(...any)           { f.skipped = true }
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }

func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		ci           string
		skip, failed bool
	}{{"", true, false}, {"false", true, false}, {"true", false, true}} {
		t.Setenv("CI", c.ci)
		f := &fakeTB{}
		RequireTool(f, "surely-no-such-tool-partnerfeed")
		if f.skipped != c.skip || f.failed != c.failed {
			t.Errorf("CI=%q: skipped %v failed %v", c.ci, f.skipped, f.failed)
		}
	}
	t.Setenv("CI", "true")
	f := &fakeTB{}
	if RequireTool(f, "go") == "" || f.failed || f.skipped {
		t.Error("go should be found")
	}
}
