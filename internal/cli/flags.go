package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
)

// newFlags returns a flag set with the shared --config flag.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("partnerfeed "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { commandUsage(fs, name) }
	def := os.Getenv("PARTNERFEED_CONFIG")
	if def == "" {
		def = config.DefaultPath
	}
	return fs, fs.String("config", def, "config file (env PARTNERFEED_CONFIG)")
}

// loadConfig loads the config and prints its warnings; ok=false means exit 2.
func loadConfig(path string, stderr io.Writer) (config.Config, bool) {
	cfg, ok := readConfig(path, stderr)
	for _, w := range cfg.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return cfg, ok
}

// readConfig loads the config, printing its errors but not its warnings
// (serve logs them); ok=false means exit 2.
func readConfig(path string, stderr io.Writer) (config.Config, bool) {
	cfg, err := config.Load(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return config.Config{}, false
	}
	return cfg, true
}

// commandUsage prints the command's line of the usage text and its flags
// to the flag set's output.
func commandUsage(fs *flag.FlagSet, name string) {
	c, _ := lookup(name)
	fmt.Fprintf(fs.Output(), "usage: partnerfeed %s %s\n", name, c.usage)
	flags := 0
	fs.VisitAll(func(*flag.Flag) { flags++ })
	if flags > 0 {
		fmt.Fprintln(fs.Output(), "flags:")
		fs.PrintDefaults()
	}
}

// noSuch says that no what (source, digest) is called name, and lists the
// names there are.
func noSuch(what, name string, valid []string) string {
	if len(valid) == 0 {
		return fmt.Sprintf("no %s named %q: the config has none", what, name)
	}
	return fmt.Sprintf("no %s named %q; valid names: %s", what, name, strings.Join(valid, ", "))
}

// sourceNames are the names of the configured sources, in config order.
func sourceNames(cfg config.Config) []string {
	names := make([]string, len(cfg.Sources))
	for i, s := range cfg.Sources {
		names[i] = s.Name
	}
	return names
}
