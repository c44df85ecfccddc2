package tag

import (
	"os"
	"strings"
	"testing"
)

func TestParseTextSeed(t *testing.T) {
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := ParseText(string(b))
	if d.Title != "Besuch aus Frankreich: Neue Impulse für Partnerschaft mit Dünkirchen" {
		t.Errorf("title = %q", d.Title)
	}
	if len(d.Captions) != 1 || d.Captions[0] != "Eine Delegation aus Dünkirchen war in Krefeld zu Besuch." {
		t.Errorf("captions = %q", d.Captions)
	}
	if !strings.HasPrefix(d.Lead, "Frank Meyer: Stadt Krefeld will Teil") || !strings.Contains(d.Lead, "Die Städte Krefeld und Dünkirchen möchten") {
		t.Errorf("lead = %q", d.Lead)
	}
	for _, s := range []string{"Veröffentlicht", "Bild:", "Weitere Beiträge", "Venlo", "Leicester", "Kropyvnytsky", "Inhaltsbereich"} {
		if strings.Contains(d.Body, s) || strings.Contains(d.Lead, s) {
			t.Errorf("body or lead contains %q", s)
		}
	}
	if !strings.Contains(d.Body, "Partnerstadt Charlotte") || !strings.Contains(d.Body, "Carnet de Léon") {
		t.Errorf("body lost article text: %q", d.Body)
	}
	if !strings.HasPrefix(d.Ignored, "Weitere Beiträge mit Bildergalerie:") || !strings.Contains(d.Ignored, "Kropyvnytskyi") {
		t.Errorf("ignored = %.80q", d.Ignored)
	}
}

func TestParseTextGluedCreditAndSoftHyphen(t *testing.T) {
	d := ParseText("Titel\n\nVeröffentlicht am: 01.02.2023\n\nGäste am Von-der-Leyen-PlatzFoto: Stadt Krefeld\n\nDie Dün\u00adkirchener Gäste lobten den Rettungsdienst- bedarfsplan und die Schul- und Kulturarbeit der Stadt, die sie drei Tage lang besucht hatten.\n")
	if len(d.Captions) != 1 || d.Captions[0] != "Gäste am Von-der-Leyen-Platz" {
		t.Errorf("captions = %q", d.Captions)
	}
	if !strings.Contains(d.Lead, "Dünkirchener") || !strings.Contains(d.Lead, "Rettungsdienstbedarfsplan") || !strings.Contains(d.Lead, "Schul- und") {
		t.Errorf("lead = %q", d.Lead)
	}
}
