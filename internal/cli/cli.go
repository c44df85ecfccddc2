// Package cli implements partnerfeed's subcommands, one file each.
package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/partnerfeed/partnerfeed/internal/version"
)

// Exit codes of every command.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

type command struct {
	name  string
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "[--config F]   daemon: scheduler, HTTP server, bot, workers", runServe},
		{"ingest", "[--config F] [--source NAME] [--backfill]   one ingest pass now", runIngest},
		{"extract", "[--config F] [--source NAME] FILE|URL   what extraction makes of one page", runExtract},
		{"probe", "[--config F] [--pages N] [--json] (--source NAME | URL)   what a crawl would find, nothing written", runProbe},
		{"tag", "[--config F] [--explain] [FILE|URL|-] | --set URL slug,slug | --unset URL", runTag},
		{"digest", "[--config F] (--name NAME | --frequency KEY --partner SLUG,… [--lang L]) (--dry-run | --to ADDR)", runDigest},
		{"check-config", "[--config F]   exit 0 when valid, else every error with its line", runCheckConfig},
		{"migrate", "[--config F] [--to postgres://…]", runMigrate},
		{"backup", "[--config F] FILE   online copy of the database", runBackup},
		{"restore", "[--config F] FILE   put a backup in place (service stopped)", runRestore},
		{"user", "[--config F] add NAME [--role editor|admin] | list | remove NAME | passwd NAME   console accounts", runUser},
		{"demo", "[--listen ADDR]   offline demo on a bundled sample archive", runDemo},
		{"version", "the module version, or the VCS revision and its time", runVersion},
	}
}

// Run runs the command named by args[0] and returns the process exit code.
// Help ("help", "-h", "--help"; "help COMMAND" or "COMMAND --help" for one
// command) goes to stdout and exits 0; no command at all is bad usage.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, help := args[0], isHelp(args[0])
	if help {
		if len(args) == 1 {
			usage(stdout)
			return exitOK
		}
		name = args[1]
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "partnerfeed: unknown command %q\n", name)
		usage(stderr)
		return exitUsage
	}
	if help || wantsHelp(args[1:]) {
		// Every command parses its flags before it does anything, so run
		// with only -h it prints its usage and flags, and stops.
		c.run([]string{"-h"}, io.Discard, stdout)
		return exitOK
	}
	return c.run(args[1:], stdout, stderr)
}

// lookup is the command called name.
func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// wantsHelp reports whether a command's arguments ask for help (a help flag
// before any "--").
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a != "help" && isHelp(a) {
			return true
		}
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: partnerfeed COMMAND [flags]")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\npartnerfeed COMMAND --help (or partnerfeed help COMMAND) explains one command's flags.")
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("partnerfeed version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { commandUsage(fs, "version") }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	v := version.String()
	fmt.Fprintf(stdout, "partnerfeed %s\n", v)
	if v == version.Unknown {
		fmt.Fprintln(stderr, "partnerfeed: this binary was built without version information (go build -buildvcs=false, "+
			"a git worktree, or go run); scripts/build, or go build in a git clone, records it")
	}
	return exitOK
}
