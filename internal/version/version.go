// Package version says which build of partnerfeed is running.
package version

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Version is set at build time for releases (scripts/build) with
// -ldflags "-X github.com/partnerfeed/partnerfeed/internal/version.Version=1.2.3";
// otherwise String falls back to the module version (go install …@v1.2.3),
// the VCS revision of a source build, or "dev".
var Version = ""

// String returns the version of this build, one word (it goes into the
// User-Agent): "1.2.3", "v1.2.3", "dev+0123abcd4567" (a source build at that
// commit; "-dirty" with uncommitted changes) or "dev".
func String() string {
	bi, _ := debug.ReadBuildInfo()
	return fromBuildInfo(Version, bi)
}

// Long returns String and, when the build info has them, the VCS revision and
// commit time and the Go version: what `partnerfeed version` prints.
func Long() string {
	bi, ok := debug.ReadBuildInfo()
	s := fromBuildInfo(Version, bi)
	if !ok {
		return s
	}
	var extra []string
	if rev, at, _ := vcs(bi); rev != "" {
		extra = append(extra, "commit "+rev)
		if at != "" {
			extra = append(extra, at)
		}
	}
	extra = append(extra, bi.GoVersion)
	return fmt.Sprintf("%s (%s)", s, strings.Join(extra, ", "))
}

func fromBuildInfo(set string, bi *debug.BuildInfo) string {
	if set != "" {
		return set
	}
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	if rev, _, dirty := vcs(bi); rev != "" {
		s := "dev+" + rev[:min(12, len(rev))]
		if dirty {
			s += "-dirty"
		}
		return s
	}
	return "dev"
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
