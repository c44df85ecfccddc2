// Package cli implements partnerfeed's subcommands, one file each.
package cli

import (
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
		{"ingest", "[--config F] [--source NAME] [--backfill]", runIngest},
		{"extract", "[--config F] [--source NAME] FILE|URL", runExtract},
		{"probe", "[--config F] (--source NAME | URL)   what a crawl would find, nothing written", runProbe},
		{"tag", "[--config F] [--explain] [FILE|URL|-] | --set URL slug,slug", runTag},
		{"digest", "[--config F] --name NAME [--dry-run] [--to ADDR]", runDigest},
		{"check-config", "[--config F]", runCheckConfig},
		{"migrate", "[--config F] [--to postgres://…]", runMigrate},
		{"backup", "[--config F] FILE   online copy of the database", runBackup},
		{"restore", "[--config F] FILE   put a backup in place (service stopped)", runRestore},
		{"user", "add NAME [--role editor|admin] | list | remove NAME | passwd NAME   console accounts", runUser},
		{"demo", "offline demo on a bundled sample archive", runDemo},
		{"version", "", runVersion},
	}
}

// Run runs the command named by args[0] and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "partnerfeed: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: partnerfeed COMMAND [flags]")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.usage)
	}
}

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "partnerfeed %s\n", version.String())
	return exitOK
}
