package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/partnerfeed/partnerfeed/config"
)

// newFlags returns a flag set with the shared --config flag.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("partnerfeed "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
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
