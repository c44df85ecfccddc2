package tag

import (
	"encoding/json"
	"io"
	"reflect"
	"testing"
)

// fuzzSeeds are short: the fuzzer minimizes every new interesting input,
// which is slow on whole pages.
var fuzzSeeds = []string{
	"Inhaltsbereich\n\nBesuch aus Frankreich: Neue Impulse für Partnerschaft mit Dünkirchen\n\nVeröffentlicht am: 24.11.2022\n\nEine Delegation aus Dünkirchen war in Krefeld zu Besuch. Bild: Stadt Krefeld\nEine Delegation aus Dünkirchen war in Krefeld zu Besuch.\nBild: Stadt Krefeld\n\nDie Städte Krefeld und Dünkirchen möchten ihre Partnerschaft stärken.\n\nWeitere Beiträge rund um Städtepartnerschaften:\nKrefeld und Venlo besiegeln Städte-Kooperation",
	"Partnerstädte Leicesters sind Straßburg und Venlo. Leicester City, Red Leicester, Venloer Straße.",
	"Charlotte Berger gewinnt. Des Leidens. leiden. Militärverwaltung Kirowohrad. Frankfurt (Oder).",
	"Parnerstadt Dünklichen: Hilfe für Kropywnyzkyjy und Кропивницький, Duenkirchen-Besuch, Dünkircheners",
	"Dün\u00adkirchen- \n kirchen Schul- und Kulturamt …PlatzFoto: x",
	"Venlo, Leicester, Dünkirchen, Leiden, Charlotte, Oder-Spree, Uljanowsk, Kayseri und Kropyvnytskyi.",
	"Gäste aus Kropyvnytskyi\n\nDank an die Partner in Krefeld und Venlo, gemeinsam mit der Partnerstadt Venlo.\nAktuelles aus Leiden\nLeiden",
	"Kayserispor zu Gast\n\nFreundschaftsspiel gegen Kayserispor zur Städtepartnerschaft. Charlotte ist ein Vorname.",
	"", "Inhaltsbereich", "\xff\xfe Venlo\x00", "Bild:", "Foto: x\nBild:\nBild:", "Leiden. Leiden! leiden? «Leiden»",
}

// checkTag tags d and checks the invariants every result must hold: known
// slugs, scores at or above the threshold in descending order, evidence as
// JSON agreeing with the result, the same output for the same input.
func checkTag(t *testing.T, tg *Tagger, d Document) {
	res := tg.Tag(d)
	for i, r := range res {
		if _, known := tg.partnerIndex(r.Partner); !known || r.Score < Threshold || (i > 0 && r.Score > res[i-1].Score) {
			t.Fatalf("bad result %d: %+v", i, r)
		}
		var e Evidence
		if err := json.Unmarshal([]byte(r.Evidence), &e); err != nil || e.Partner != r.Partner || e.Score != r.Score || !e.Tagged {
			t.Fatalf("evidence %q: %v", r.Evidence, err)
		}
	}
	if again := tg.Tag(d); !reflect.DeepEqual(res, again) {
		t.Fatalf("not deterministic: %+v vs %+v", res, again)
	}
	WriteExplain(io.Discard, tg.Explain(d))
}

// FuzzTag feeds arbitrary text to the plain-text reader, the tagger (also as
// raw document parts) and Lookup: nothing may panic and results stay valid.
func FuzzTag(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	tg := New(krefeldPartners(f))
	f.Fuzz(func(t *testing.T, s string) {
		checkTag(t, tg, ParseText(s))
		third := len(s) / 3
		checkTag(t, tg, Document{Title: s[:third], Lead: s[third : 2*third], Body: s[2*third:],
			Captions: []string{s[third:], s[third:]}, Ignored: s})
		slug, ok := tg.Lookup(s)
		if _, known := tg.partnerIndex(slug); ok != known {
			t.Fatalf("Lookup(%q) = %q, %v", s, slug, ok)
		}
	})
}

// FuzzParseHTML feeds arbitrary markup to the HTML reader and tags the result.
func FuzzParseHTML(f *testing.F) {
	f.Add(`<html><head><meta property="og:title" content="Venlo"></head><body><nav>Leiden</nav><article><h1>Besuch aus Dünkirchen</h1><figure><img alt="Gäste aus Dünkirchen. Bild: Stadt"><figcaption>Gäste aus Dünkirchen. Bild: Stadt</figcaption></figure><p class="lead">Eine Delegation aus Dünkirchen.</p><p>Text<br>mehr</p><h2>Weitere Beiträge:</h2><p>Venlo</p></article><div class="teaserbox">Leicester</div></body></html>`)
	f.Add(`<div id="inhalt"><h1>T</h1><p class="bildunterschrift">Venlo<br>Foto: x</p><div id="randspalte">Kayseri</div></div>`)
	f.Add(`<p>Leiden<p>Leiden</div></span><table><tr><td>Charlotte Sister Cities`)
	for _, s := range fuzzSeeds[:3] {
		f.Add(s)
	}
	tg := New(krefeldPartners(f))
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseHTML([]byte(s))
		if err != nil {
			return // no article in the markup: nothing to tag
		}
		checkTag(t, tg, d)
	})
}
