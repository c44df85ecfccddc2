package cli

import (
	"fmt"
	"io"
)

func runCheckConfig(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("check-config", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if _, ok := loadConfig(*path, stderr); !ok {
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s: ok\n", *path)
	return exitOK
}
