// Package configtest completes the configurations tests write as Go values,
// the way config.Load completes a file: one builder for every package's
// test configuration instead of a copy in each.
package configtest

import (
	"time"

	"github.com/partnerfeed/partnerfeed/config"
)

// Build returns c with the documented defaults applied (config.ApplyDefaults)
// and site.timezone loaded as c.Location (UTC when the zone is unknown),
// as serve would run it.
func Build(c config.Config) config.Config {
	config.ApplyDefaults(&c)
	loc, err := time.LoadLocation(c.Site.Timezone)
	if err != nil {
		loc = time.UTC
	}
	c.Location = loc
	return c
}
