package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// walk checks the node tree against the Go type t before decoding: unknown
// keys (the allowed ones come from the yaml tags, so fields added to the
// types are accepted without further code), wrong kinds and unparsable
// scalars. It records the line of every path it visits in l.pos.
func (l *loader) walk(path string, n *yaml.Node, t reflect.Type) {
	if l.steps++; l.steps > maxSteps {
		if l.steps == maxSteps+1 {
			l.errorAt(n.Line, "the document is too large (aliases expanding to more than %d values?)", maxSteps)
		}
		return
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return // an empty value leaves the default
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if t == reflect.TypeOf(time.Time{}) {
			l.scalar(path, n, t)
			return
		}
		l.walkStruct(path, n, t)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			l.badValue(path, n, "%s: want a mapping (key: value), got %s", path, kindName(n))
			return
		}
		seen := map[string]int{}
		for _, kv := range mappingPairs(n) {
			p := path + "." + kv[0].Value
			if first, dup := seen[kv[0].Value]; dup {
				l.errorAt(kv[0].Line, "%s: key %q given twice (first on line %d)", path, kv[0].Value, first)
				dropPair(n, kv[0])
				continue
			}
			seen[kv[0].Value] = kv[0].Line
			l.pos[p] = kv[0].Line
			l.walk(p, kv[1], t.Elem())
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			l.badValue(path, n, "%s: want a list, got %s", path, kindName(n))
			return
		}
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			l.pos[p] = item.Line
			l.walk(p, item, t.Elem())
		}
	default:
		l.scalar(path, n, t)
	}
}

func (l *loader) walkStruct(path string, n *yaml.Node, t reflect.Type) {
	if n.Kind != yaml.MappingNode {
		l.badValue(path, n, "%s: want a mapping (key: value), got %s", orRoot(path), kindName(n))
		return
	}
	fields := yamlFields(t)
	seen := map[string]int{}
	for _, kv := range mappingPairs(n) {
		key := kv[0].Value
		p := key
		if path != "" {
			p = path + "." + key
		}
		f, ok := fields[key]
		if !ok {
			l.errorAt(kv[0].Line, "%s: unknown key %q (known: %s)", orRoot(path), key, knownKeys(fields))
			dropPair(n, kv[0])
			continue
		}
		if first, dup := seen[key]; dup {
			l.errorAt(kv[0].Line, "%s: key %q given twice (first on line %d)", orRoot(path), key, first)
			dropPair(n, kv[0])
			continue
		}
		seen[key] = kv[0].Line
		l.pos[p] = kv[0].Line
		l.walk(p, kv[1], f.Type)
	}
}

// maxSteps bounds the walk, so that aliases cannot expand a small file
// into a huge one ("billion laughs").
const maxSteps = 100000

// scalar checks that n decodes into a value of type t.
func (l *loader) scalar(path string, n *yaml.Node, t reflect.Type) {
	if n.Kind != yaml.ScalarNode {
		l.badValue(path, n, "%s: want %s, got %s", path, typeName(t), kindName(n))
		return
	}
	if l.expanded[n] && t.Kind() != reflect.String {
		n.Tag, n.Style = "", 0 // "${PORT}" is a number once expanded
	}
	if err := n.Decode(reflect.New(t).Interface()); err != nil {
		l.badValue(path, n, "%s: want %s, got %q", path, typeName(t), n.Value)
	}
}

// badValue reports a value of the wrong type and empties it, so that decoding
// goes on and no later check complains about the same value again.
func (l *loader) badValue(path string, n *yaml.Node, format string, args ...any) {
	l.errorAt(n.Line, format, args...)
	l.bad[path] = true
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
}

// dropPair removes the pair whose key node is k from mapping n.
func dropPair(n *yaml.Node, k *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i] == k {
			n.Content = append(n.Content[:i:i], n.Content[i+2:]...)
			return
		}
	}
}

// yamlFields maps the yaml keys of struct t to its fields.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f
	}
	return out
}

// mappingPairs returns the key/value pairs of a mapping, with merge keys
// (<<: *anchor) expanded; a mapping merged into itself is merged once.
func mappingPairs(n *yaml.Node) [][2]*yaml.Node {
	return appendPairs(nil, n, map[*yaml.Node]bool{})
}

func appendPairs(out [][2]*yaml.Node, n *yaml.Node, seen map[*yaml.Node]bool) [][2]*yaml.Node {
	if seen[n] {
		return out
	}
	seen[n] = true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0 {
			for v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			if v.Kind == yaml.MappingNode {
				out = appendPairs(out, v, seen)
			}
			continue
		}
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

func knownKeys(fields map[string]reflect.StructField) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func typeName(t reflect.Type) string {
	switch {
	case t == reflect.TypeOf(time.Duration(0)):
		return "a duration such as 30s or 168h"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "a whole number"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	case t.Kind() == reflect.String:
		return "a text value"
	}
	return t.String()
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

func orRoot(path string) string {
	if path == "" {
		return "top level"
	}
	return path
}
