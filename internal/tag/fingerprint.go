package tag

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/partnerfeed/partnerfeed/config"
)

// RulesVersion changes whenever the tagger decides differently on the same
// input (weights, guards, cue words), so that stored articles are re-tagged.
const RulesVersion = "2"

// Fingerprint identifies the tagger's rules and the partner configuration it
// uses (slugs, names, aliases, excludes). When it changes, stored articles
// must be re-tagged.
func Fingerprint(partners []config.Partner) string {
	type partner struct {
		Slug    string            `json:"slug"`
		Names   map[string]string `json:"names"`
		Aliases []string          `json:"aliases"`
		Exclude []string          `json:"exclude"`
	}
	ps := make([]partner, len(partners))
	for i, p := range partners {
		ps[i] = partner{p.Slug, p.Names, p.Aliases, p.Exclude}
	}
	b, err := json.Marshal(struct {
		Rules    string    `json:"rules"`
		Partners []partner `json:"partners"`
	}{RulesVersion, ps})
	if err != nil {
		panic(err) // strings and maps of strings always marshal
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
