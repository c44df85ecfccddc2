package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultPath is used when neither --config nor PARTNERFEED_CONFIG is given.
const DefaultPath = "config.yaml"

// Load reads, expands, defaults and validates a config file. An invalid file
// gives an Errors value listing every problem with its line; a file that
// cannot be read gives a plain error.
func Load(path string) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	cfg, err := ParseFile(path, raw, os.Getenv)
	if err != nil {
		return Config{}, err
	}
	cfg.Path = path
	if cfg.Storage.Driver == "sqlite" && !filepath.IsAbs(cfg.Storage.DSN.Value()) && cfg.Storage.DSN != ":memory:" {
		cfg.Storage.DSN = Secret(filepath.Join(filepath.Dir(path), cfg.Storage.DSN.Value()))
	}
	return cfg, nil
}

// Parse decodes config bytes with the process environment; see ParseFile.
func Parse(raw []byte) (Config, error) {
	return ParseFile("config.yaml", raw, os.Getenv)
}

// ParseFile decodes the config text raw (named file in messages), expands
// ${VAR} with getenv, applies the defaults and validates. Relative paths stay
// relative (Load resolves them against the file's folder).
func ParseFile(file string, raw []byte, getenv func(string) string) (Config, error) {
	l := &loader{file: file, pos: map[string]int{}, bad: map[string]bool{}, expanded: map[*yaml.Node]bool{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return Config{}, Errors{l.syntaxProblem(err)}
	}
	var cfg Config
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].ShortTag() == "!!null" {
		l.errorAt(1, "the file is empty; site.base_url and at least one partner are required")
		return Config{}, l.errs
	}
	root := doc.Content[0]
	expandEnv(root, getenv, l.expanded)
	l.walk("", root, reflect.TypeOf(cfg))
	if l.bad[""] {
		return Config{}, l.errs // not a mapping at all: nothing else to say
	}
	typeErrors := len(l.errs)
	if err := root.Decode(&cfg); err != nil && typeErrors == 0 {
		// The walk should have caught every type error; report the rest as is.
		l.errorAt(root.Line, "%v", err)
	}
	ApplyDefaults(&cfg)
	l.validate(&cfg)
	l.switchOff(&cfg)
	if len(l.errs) > 0 {
		return Config{}, l.errs.sorted()
	}
	cfg.Warnings = l.warnings
	return cfg, nil
}

// loader holds what one ParseFile call found.
type loader struct {
	file     string
	pos      map[string]int      // config path ("sources[0].schedule") -> line
	bad      map[string]bool     // paths whose value had the wrong type (already reported)
	expanded map[*yaml.Node]bool // scalars that held a ${VAR}
	steps    int                 // nodes walked
	errs     Errors
	warnings []string
}

func (l *loader) errorAt(line int, format string, args ...any) {
	l.errs = append(l.errs, Problem{File: l.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// errorf reports a problem with the value at path (or, when the key is
// absent, its nearest parent that is present).
func (l *loader) errorf(path, format string, args ...any) {
	l.errorBecause(path, path, format, args...)
}

// errorBecause reports a problem with the value at path on the line of the
// value at cause (for a missing key that another key made necessary).
func (l *loader) errorBecause(path, cause, format string, args ...any) {
	for p := path; p != ""; p = parentPath(p) {
		if l.bad[p] {
			return
		}
	}
	if l.has(path) {
		cause = path
	}
	l.errorAt(l.line(cause), "%s: %s", path, fmt.Sprintf(format, args...))
}

func (l *loader) warnf(format string, args ...any) {
	l.warnings = append(l.warnings, fmt.Sprintf(format, args...))
}

// has reports whether path was given in the file.
func (l *loader) has(path string) bool {
	_, ok := l.pos[path]
	return ok
}

func (l *loader) line(path string) int {
	for ; path != ""; path = parentPath(path) {
		if n, ok := l.pos[path]; ok {
			return n
		}
	}
	return 1
}

// parentPath strips the last key or index: "a.b[2]" -> "a.b" -> "a" -> "".
func parentPath(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return ""
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func (l *loader) syntaxProblem(err error) Problem {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msg = strings.Join(te.Errors, "; ")
	}
	return Problem{File: l.file, Line: line, Message: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}
