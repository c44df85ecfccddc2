package config

import (
	"regexp"

	"go.yaml.in/yaml/v3"
)

// envRef is a ${NAME} reference; a bare $NAME is left alone so that values
// such as passwords or date layouts may contain a dollar sign.
var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${NAME} in every scalar value below n by the
// environment variable's value (empty when unset), using getenv. It returns
// the nodes it changed: their quotes no longer decide their type (walk lets
// "${SMTP_PORT}" decode as a number).
func expandEnv(n *yaml.Node, getenv func(string) string, changed map[*yaml.Node]bool) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && envRef.MatchString(n.Value) {
		n.Value = envRef.ReplaceAllStringFunc(n.Value, func(ref string) string {
			return getenv(envRef.FindStringSubmatch(ref)[1])
		})
		if n.Style == 0 {
			n.Tag = "" // a plain scalar is typed by its expanded text ("587" is an int)
		}
		changed[n] = true
		return
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue // keys are names, not values
		}
		expandEnv(c, getenv, changed)
	}
}
