package tag

import (
	"reflect"
	"strings"
	"testing"
)

func TestLookupAll(t *testing.T) {
	tg := New(krefeldPartners(t))
	for _, c := range []struct {
		text           string
		slugs, unknown []string
	}{
		{"Venlo Leiden", []string{"venlo", "leiden"}, nil},
		{"Landkreis Oder-Spree", []string{"oder-spree"}, nil},
		{"dunkerque, landkreis oder-spree und Leyde", []string{"duenkirchen", "oder-spree", "leiden"}, []string{"und"}},
		{"Venlo Atlantis Gondor-Nord", []string{"venlo"}, []string{"Atlantis", "Gondor-Nord"}},
		{"venlo venlos Venlo", []string{"venlo"}, nil},
		{"Кропивницький Kayseri", []string{"kropyvnytskyi", "kayseri"}, nil},
		{"oder-spree leicester", []string{"oder-spree", "leicester"}, nil},
		{"Paris", nil, []string{"Paris"}},
		{"<b>", nil, []string{"<b>"}},
		{"Venlo; Gondor <Mordor>, Venlo-Nord", []string{"venlo"}, []string{"Gondor", "<Mordor>", "Nord"}},
		{"Leiden-Gondor-Nord & X", []string{"leiden"}, []string{"Gondor-Nord", "X"}},
		{"", nil, nil},
		{" ,;! ", nil, nil},
	} {
		slugs, unknown := tg.LookupAll(c.text)
		if !reflect.DeepEqual(slugs, c.slugs) || !reflect.DeepEqual(unknown, c.unknown) {
			t.Errorf("LookupAll(%q) = %q, %q; want %q, %q", c.text, slugs, unknown, c.slugs, c.unknown)
		}
	}
}

// FuzzLookupAll checks LookupAll against Lookup on arbitrary input: known
// slugs, each once; unknown words taken from the input; one partner found
// exactly when Lookup finds it.
func FuzzLookupAll(f *testing.F) {
	for _, s := range append(fuzzSeeds, "Venlo Leiden", "Landkreis Oder-Spree Atlantis", "all", "Dün-kirchen-x") {
		f.Add(s)
	}
	tg := New(krefeldPartners(f))
	f.Fuzz(func(t *testing.T, s string) {
		slugs, unknown := tg.LookupAll(s)
		seen := map[string]bool{}
		for _, slug := range slugs {
			if _, known := tg.partnerIndex(slug); !known || seen[slug] {
				t.Fatalf("LookupAll(%q): slugs %q", s, slugs)
			}
			seen[slug] = true
		}
		cleaned := clean(strings.TrimSpace(s))
		for _, w := range unknown {
			if w == "" || !strings.Contains(cleaned, w) {
				t.Fatalf("LookupAll(%q): unknown word %q is not in the input", s, w)
			}
		}
		one, ok := tg.Lookup(s)
		if ok != (len(slugs) == 1) || (ok && one != slugs[0]) {
			t.Fatalf("LookupAll(%q) = %q, but Lookup = %q, %v", s, slugs, one, ok)
		}
		if again, left := tg.LookupAll(strings.Join(slugs, " ")); !reflect.DeepEqual(again, slugs) || len(left) > 0 {
			t.Fatalf("LookupAll(%q) = %q, but its slugs give %q, %q", s, slugs, again, left)
		}
	})
}
