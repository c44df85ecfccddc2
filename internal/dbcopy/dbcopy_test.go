package dbcopy

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	for _, c := range []struct {
		in     any
		pgType string
		want   any
	}{
		{int64(42), "bigint", int64(42)},
		{float64(3), "integer", int64(3)}, // SQLite may hand a whole REAL
		{"17", "bigint", int64(17)},
		{int64(2), "double precision", float64(2)},
		{2.5, "double precision", 2.5},
		{[]byte("x"), "text", "x"},
		{int64(5), "text", "5"},
		{int64(1), "boolean", true},
		{"ab", "bytea", []byte("ab")},
		{nil, "bigint", nil},
	} {
		got, err := convert(c.in, c.pgType)
		if err != nil {
			t.Errorf("convert(%v, %s): %v", c.in, c.pgType, err)
			continue
		}
		if b, ok := got.([]byte); ok {
			got = string(b)
			c.want = string(c.want.([]byte))
		}
		if got != c.want {
			t.Errorf("convert(%#v, %s) = %#v, want %#v", c.in, c.pgType, got, c.want)
		}
	}
	for _, c := range []struct {
		in     any
		pgType string
	}{{2.5, "bigint"}, {"x", "integer"}, {math.Inf(1), "bigint"}, {int64(1), "bytea"}} {
		if got, err := convert(c.in, c.pgType); err == nil {
			t.Errorf("convert(%v, %s) = %v, want an error", c.in, c.pgType, got)
		}
	}
}

func TestSortByRefs(t *testing.T) {
	byName := map[string]*table{
		"deliveries":     {name: "deliveries", refs: []string{"articles"}},
		"article_tags":   {name: "article_tags", refs: []string{"articles"}},
		"articles":       {name: "articles"},
		"digest_sends":   {name: "digest_sends", refs: []string{"digest_issues"}},
		"digest_issues":  {name: "digest_issues"},
		"gone_reference": {name: "gone_reference", refs: []string{"not_copied"}},
	}
	names := []string{"article_tags", "articles", "deliveries", "digest_issues", "digest_sends", "gone_reference"}
	got, err := sortByRefs(names, byName)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, tb := range got {
		pos[tb.name] = i
	}
	if len(got) != len(names) || pos["articles"] > pos["deliveries"] || pos["articles"] > pos["article_tags"] ||
		pos["digest_issues"] > pos["digest_sends"] {
		t.Errorf("order %v", got)
	}
	byName["articles"].refs = []string{"deliveries"}
	if _, err := sortByRefs(names, byName); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("a cycle: %v", err)
	}
}

func TestPlaceholders(t *testing.T) {
	if got := placeholders(2, 3); got != "($1, $2, $3), ($4, $5, $6)" {
		t.Errorf("placeholders(2, 3) = %q", got)
	}
}

// FuzzConvert: integers written as text come back as the same integer, and
// nothing panics on any text for any column type.
func FuzzConvert(f *testing.F) {
	f.Add("42", "bigint")
	f.Add("-1.5", "double precision")
	f.Add("x", "boolean")
	f.Fuzz(func(t *testing.T, s, pgType string) {
		for _, v := range []any{s, []byte(s)} {
			got, err := convert(v, pgType)
			if err != nil {
				continue
			}
			if n, perr := strconv.ParseInt(s, 10, 64); perr == nil && (pgType == "bigint" || pgType == "integer") && got != n {
				t.Errorf("convert(%q, %s) = %v, want %d", s, pgType, got, n)
			}
		}
	})
}
