// Package version says which build of partnerfeed is running.
package version

import (
	"runtime/debug"
	"time"
)

// Version is set at build time for releases (scripts/build) with
// -ldflags "-X github.com/partnerfeed/partnerfeed/internal/version.Version=1.2.3";
// otherwise String falls back to the module version (go install …@v1.2.3),
// the VCS revision of a source build, or "dev".
var Version = ""

// Unknown is the version of a build that recorded none: built with
// -buildvcs=false, in a git worktree (which the go command does not stamp),
// by go run or as a test binary.
const Unknown = "dev"

// String returns the version of this build, one word (it goes into the
// User-Agent): "1.2.3" (a release), "v1.2.3" (go install …@v1.2.3),
// "v0.0.0-20261207190000-0123abcd4567" (a source build: the commit's time
// and revision, "+dirty" with uncommitted changes) or "dev".
func String() string {
	bi, _ := debug.ReadBuildInfo()
	return fromBuildInfo(Version, bi)
}

func fromBuildInfo(set string, bi *debug.BuildInfo) string {
	if set != "" {
		return set
	}
	if bi == nil {
		return Unknown
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	if rev, at, dirty := vcs(bi); rev != "" {
		// Go's pseudo-version form: v0.0.0-<commit time UTC>-<revision>.
		stamp := "00000000000000"
		if t, err := time.Parse(time.RFC3339, at); err == nil {
			stamp = t.UTC().Format("20060102150405")
		}
		s := "v0.0.0-" + stamp + "-" + rev[:min(12, len(rev))]
		if dirty {
			s += "+dirty"
		}
		return s
	}
	return Unknown
}

// vcs returns the revision, its commit time and whether the tree had
// uncommitted changes, as the go command recorded them.
func vcs(bi *debug.BuildInfo) (rev, at string, dirty bool) {
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	return rev, at, dirty
}
