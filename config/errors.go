package config

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one error found in a config file, with where it is.
type Problem struct {
	File    string
	Line    int // 0 when the position is unknown
	Message string
}

// String formats the problem as FILE:LINE: message.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Errors is every problem Load found, sorted by line. It is the error Load
// returns for an invalid config.
type Errors []Problem

// Error prints one problem per line.
func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (e Errors) sorted() Errors {
	sort.SliceStable(e, func(i, j int) bool { return e[i].Line < e[j].Line })
	return e
}
