// Package version says which build of partnerfeed is running.
package version

import "runtime/debug"

// Version is set at build time with
// -ldflags "-X github.com/partnerfeed/partnerfeed/internal/version.Version=1.2.3";
// otherwise String falls back to the module version or "dev".
var Version = ""

// String returns the version of this build.
func String() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
