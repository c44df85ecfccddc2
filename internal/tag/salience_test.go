package tag

import (
	"os"
	"strings"
	"testing"
)

// TestSalience: partners named as background (beside the subject, among
// the places thanked, in a list, in boxes, as a football club, as a first
// name) are not tagged, and the explanation says why; a joint visit of two
// partners tags both. Each background case scores at the threshold or more
// without its rule.
func TestSalience(t *testing.T) {
	tg := New(krefeldPartners(t))
	for _, c := range []struct {
		name                string
		title, lead, body   string
		want, why, whyWhich string
	}{
		{name: "gemeinsam mit", title: "Ärztinnen aus Kropyvnytskyi hospitieren in Krefeld",
			lead: "Vier Ärztinnen aus der Partnerstadt Kropyvnytskyi sind zu Gast. Den Austausch organisiert Krefeld gemeinsam mit der niederländischen Partnerstadt Venlo.",
			want: "kropyvnytskyi", why: "gemeinsam mit", whyWhich: "venlo"},
		{name: "gemeinsam mit the partner of the headline", title: "Grenzfest: Krefeld feiert mit Venlo",
			lead: "Die Stadt veranstaltet gemeinsam mit ihrer Partnerstadt Venlo ein Grenzfest. Organisiert wird es zusammen mit Venlo und der Euregio.",
			want: "venlo"},
		{name: "partners thanked", title: "Bürgermeister von Kropyvnytskyi dankt für Hilfe",
			lead: "Die Generatoren sind in Kropyvnytskyi angekommen. Der Bürgermeister dankte den Partnern in Krefeld und Venlo für die Hilfe.",
			want: "kropyvnytskyi", why: "places addressed", whyWhich: "venlo"},
		{name: "partners thanked, English", title: "Kropyvnytskyi thanks its partners",
			lead: "The council of Kropyvnytskyi received twenty generators. The mayor thanked the partners in Venlo and Krefeld for their help.",
			want: "kropyvnytskyi", why: "places addressed", whyWhich: "venlo"},
		{name: "third member beside the subject", title: "Techniker aus Kropyvnytskyi lernen bei den Stadtwerken",
			lead: "Sechs Techniker aus Kropyvnytskyi sind zu Gast. Die Schulung ist Teil der trilateralen Partnerschaft von Krefeld, Venlo und Kropyvnytskyi.",
			want: "kropyvnytskyi", why: "background", whyWhich: "venlo"},
		{name: "joint visit of two partners", title: "Gäste aus Venlo und Dünkirchen beim Europafest",
			lead: "Delegationen aus den Partnerstädten Venlo und Dünkirchen sind zu Besuch. Die Gäste aus Dünkirchen brachten eine Blaskapelle mit.",
			want: "venlo,duenkirchen"},
		{name: "list of three partners", title: "Krefeld tritt dem Klima-Bündnis bei",
			lead: "Dem Netzwerk gehören auch die Partnerstädte Leiden, Venlo und Dünkirchen an.",
			want: "", why: "list of 3 partners", whyWhich: "leiden"},
		{name: "box on a service page", title: "Bürgerservice",
			lead: "Termine für Ausweise buchen Sie online.",
			body: "Öffnungszeiten: Montag bis Freitag.\nAktuelles aus Dünkirchen\nOberbürgermeister zu Besuch in der Partnerstadt Dünkirchen\nDie Delegation aus Dünkirchen wurde empfangen.",
			want: "", why: "teaser", whyWhich: "duenkirchen"},
		{name: "football club", title: "KFC Uerdingen testet gegen Kayserispor",
			lead: "Der KFC bestreitet am Samstag ein Freundschaftsspiel gegen Kayserispor. Die Mannschaft aus Kayseri ist in der Grotenburg zu Gast.",
			want: "", why: "sports report", whyWhich: "kayseri"},
		{name: "football for the partnership", title: "Kayserispor spielt zum Jubiläum in Krefeld",
			lead: "Aus Anlass der Städtepartnerschaft mit Kayseri bestreitet Kayserispor ein Freundschaftsspiel gegen eine Stadtauswahl.",
			want: "kayseri"},
		{name: "first names", title: "Charlotte und Emil sind die beliebtesten Vornamen",
			lead: "Die beliebtesten Vornamen für Neugeborene waren Charlotte und Emil, sagte sie beim Besuch.",
			want: "", why: "first name", whyWhich: "charlotte"},
		{name: "aid handed over", title: "Rettungswagen in Kropywnyzkyj übergeben",
			lead: "Der Wagen der Feuerwehr wurde am Freitag dem Krankenhaus in Kropywnyzkyj übergeben.",
			want: "kropyvnytskyi"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Document{Title: c.title, Lead: c.lead, Body: c.body}
			if got := tagged(tg, d); !sameSlugs(got, c.want) {
				t.Errorf("tags = %q, want %q", got, c.want)
				WriteExplain(os.Stderr, tg.Explain(d))
			}
			if c.why == "" {
				return
			}
			var out strings.Builder
			WriteExplain(&out, tg.Explain(d))
			if !strings.Contains(out.String(), "NOT TAGGED "+c.whyWhich) || !strings.Contains(out.String(), c.why) {
				t.Errorf("the explanation does not say %q for %s:\n%s", c.why, c.whyWhich, out.String())
			}
		})
	}
}

func sameSlugs(a, b string) bool {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, x := range strings.Split(s, ",") {
			if x != "" {
				m[x] = true
			}
		}
		return m
	}
	x, y := set(a), set(b)
	if len(x) != len(y) {
		return false
	}
	for k := range x {
		if !y[k] {
			return false
		}
	}
	return true
}
