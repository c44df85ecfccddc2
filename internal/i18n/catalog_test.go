package i18n

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// verb is one fmt placeholder: %s, %d, %[2]s …
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?([a-zA-Z%])`)

// placeholders are a text's placeholders as "argument:verb", sorted, with
// sequential verbs numbered as fmt numbers them ("%s %[1]s" → 1:s 1:s).
func placeholders(s string) []string {
	var out []string
	next := 1
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		out = append(out, strconv.Itoa(next)+":"+m[2])
		next++
	}
	slices.Sort(out)
	return out
}

// forms are a message's texts by plural form.
func forms(m *goi18n.Message) map[string]string {
	out := map[string]string{}
	for k, v := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// TestCatalogComplete fails when a language lacks a message German has, has
// one German lacks, or when a message's placeholders differ from German's.
func TestCatalogComplete(t *testing.T) {
	de := catalog.messages["de"]
	if len(de) < 100 {
		t.Fatalf("German has %d messages; the catalog did not load", len(de))
	}
	for _, lang := range Languages() {
		msgs := catalog.messages[lang]
		for _, id := range slices.Sorted(maps.Keys(de)) {
			m, ok := msgs[id]
			if !ok {
				t.Errorf("%s.toml lacks %q", lang, id)
				continue
			}
			if m.Other == "" {
				t.Errorf("%s.toml: %q has no text (or no \"other\" form)", lang, id)
			}
			want := placeholders(de[id].Other)
			for form, text := range forms(m) {
				if got := placeholders(text); !slices.Equal(got, want) {
					t.Errorf("%s.toml: %q (%s) has placeholders %v, German has %v", lang, id, form, got, want)
				}
			}
		}
		for id := range msgs {
			if _, ok := de[id]; !ok {
				t.Errorf("%s.toml has %q, which German lacks", lang, id)
			}
		}
	}
}

// TestPlaceholdersCheck makes sure the check above sees a wrong placeholder.
func TestPlaceholdersCheck(t *testing.T) {
	for _, c := range []struct{ a, b string }{{"%s and %d", "%d and %s"}, {"%s", "%[1]d"}, {"%s %s", "%s"}} {
		if slices.Equal(placeholders(c.a), placeholders(c.b)) {
			t.Errorf("%q and %q pass as the same placeholders", c.a, c.b)
		}
	}
	if !slices.Equal(placeholders("%s of %s"), placeholders("%[2]s de %[1]s")) {
		t.Error("reordered placeholders count as different")
	}
}

func TestLanguages(t *testing.T) {
	got := Languages()
	for _, want := range []string{"de", "en", "fr", "nl", "tr", "uk"} {
		if !slices.Contains(got, want) {
			t.Errorf("Languages() = %v, lacks %s", got, want)
		}
	}
	if Name("tr") != "Türkçe" || Name("de") != "Deutsch" {
		t.Errorf("names: tr %q, de %q", Name("tr"), Name("de"))
	}
}

// TestFallbackOrder: the requested language, then English, then the site's.
func TestFallbackOrder(t *testing.T) {
	for _, c := range []struct{ requested, site, want string }{
		{"tr", "de", "tr"}, {"tr-TR", "de", "tr"}, {"fr_BE", "de", "fr"}, {"ru", "de", "en"},
		{"", "de", "de"}, {"", "ru", "en"}, {"", "", "en"},
	} {
		if got := Pick(c.requested, c.site); got != c.want {
			t.Errorf("Pick(%q, %q) = %q, want %q", c.requested, c.site, got, c.want)
		}
	}
	if got := Fallbacks("tr", "de"); !slices.Equal(got, []string{"tr", "en", "de"}) {
		t.Errorf("Fallbacks(tr, de) = %v", got)
	}
	if got := Fallbacks("ru", "nl"); !slices.Equal(got, []string{"en", "nl"}) {
		t.Errorf("Fallbacks(ru, nl) = %v", got)
	}
	if got := T("ru", "web.not_found"); got != "Not found" {
		t.Errorf("T(ru) = %q, want the English text", got)
	}
}

func TestPlurals(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"tr", 1, "1 haber"}, {"tr", 3, "3 haber"}, {"de", 1, "1 Neuigkeit"}, {"de", 3, "3 Neuigkeiten"},
		{"fr", 0, "0 nouvelle"}, {"fr", 2, "2 nouvelles"}, {"en", 1, "1 news item"},
		{"uk", 1, "1 новина"}, {"uk", 3, "3 новини"}, {"uk", 5, "5 новин"}, {"uk", 11, "11 новин"}, {"uk", 21, "21 новина"},
	} {
		if got := N(c.lang, "digest.items", c.n, c.n); got != c.want {
			t.Errorf("N(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestFormats(t *testing.T) {
	day := time.Date(2026, time.November, 24, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{LongDate("tr", day), "24 Kasım 2026"}, {LongDate("de", day), "24. November 2026"},
		{LongDate("en", day), "November 24, 2026"}, {LongDate("fr", day), "24 novembre 2026"},
		{Date("tr", day), "24.11.2026"}, {Date("en", day), "24 Nov 2026"},
		{Number("de", 12345), "12.345"}, {Number("en", 12345), "12,345"}, {Number("tr", 12345), "12.345"},
		{Lower("tr", "KAYSERİ ISPARTA"), "kayseri ısparta"}, {Upper("tr", "istanbul"), "İSTANBUL"},
		{Upper("de", "istanbul"), "ISTANBUL"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestMessagesAndWords(t *testing.T) {
	if got := Messages("tr", "digest.")["read_more"]; got != "Devamını okuyun" {
		t.Errorf("Messages(tr)[read_more] = %q", got)
	}
	if _, ok := Messages("tr", "digest.")["items.one"]; ok {
		t.Error("Messages includes nested plural forms")
	}
	w := Words("bot.all_words")
	for _, want := range []string{"all", "alle", "tous", "tümü", "усі"} {
		if !w[want] {
			t.Errorf("Words(bot.all_words) lacks %q: %v", want, w)
		}
	}
	if strings.Contains(T("tr", "web.intro"), "%") {
		t.Error("an unfilled placeholder in a plain text")
	}
}

func FuzzBase(f *testing.F) {
	for _, s := range []string{"tr", "tr-TR", "de_DE", "", "x-klingon", "zh-Hant-TW", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		if b := Base(tag); b != "" && !Supported(b) {
			t.Fatalf("Base(%q) = %q, not a supported language", tag, b)
		}
		if p := Pick(tag, "de"); !Supported(p) {
			t.Fatalf("Pick(%q) = %q, not a supported language", tag, p)
		}
	})
}
