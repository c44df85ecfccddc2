// Command partnerfeed ingests a city's press archive and publishes partner-city news.
package main

import (
	"os"
	_ "time/tzdata" // time zones without a system zoneinfo (the scratch image)

	"github.com/partnerfeed/partnerfeed/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
