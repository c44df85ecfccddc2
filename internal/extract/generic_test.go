package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

const releaseText = `<p>Die Partnerstädte haben heute gemeinsam ein neues Austauschprogramm für Auszubildende
	vorgestellt, das im kommenden Herbst mit zwanzig Teilnehmenden aus beiden Städten beginnt.</p>`

func TestGenericBoilerplateRemoval(t *testing.T) {
	tests := []struct {
		name, around string
		gone         []string // texts that must leave the body
	}{
		{"de share bar, print and back", `<div class="x1">Seite teilen: <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
			<a href="mailto:?subject=x">E-Mail</a> <a href="javascript:print()">Drucken</a></div>
			<p><a href="/presse/">Zurück zur Übersicht</a></p>`, []string{"Seite teilen", "Facebook", "Zurück zur Übersicht"}},
		{"en breadcrumb, post navigation, comments", `<div class="x2">You are here: <a href="/">Home</a> / <a href="/news">News</a></div>
			<div class="x3"><a href="/news/a">« Previous post</a> <a href="/news/c">Next post »</a></div>
			<p class="x4">Comments are closed.</p>`, []string{"You are here", "Previous post", "Next post", "Comments are closed"}},
		{"fr cookie banner and back link", `<div class="x5">Ce site utilise des cookies pour améliorer votre expérience. <button>Accepter</button></div>
			<p><a href="/actualites/">Retour à la liste</a></p><div><a href="/actu/x">‹ Article précédent</a></div>`,
			[]string{"cookies", "Retour", "précédent"}},
		{"nl share and print", `<ul class="x6"><li>Delen:</li><li><a href="https://twitter.com/intent/tweet?u=x">X</a></li>
			<li><a href="https://wa.me/?text=x">WhatsApp</a></li></ul><p><a href="#">Afdrukken</a></p>
			<p>Terug naar overzicht</p>`, []string{"Delen", "WhatsApp", "Afdrukken", "Terug"}},
		{"uk share and back", `<div>Поділитися: <a href="https://t.me/share/url?url=x">Telegram</a></div><p><a href="/">Назад</a></p>`,
			[]string{"Поділитися", "Назад"}},
		{"breadcrumb without phrase", `<div class="crumbs"><a href="/">Startseite</a> &gt; <a href="/presse/">Presse</a> &gt; <a href="/presse/x">Partnerschaft</a></div>`,
			[]string{"Startseite"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><body><main><article><h1>Neues Austauschprogramm</h1><p>Veröffentlicht am: 02.05.2024</p>` +
				tt.around + releaseText + `<h2>Die Teilnehmenden</h2>` + releaseText +
				`<figure><img src="/b.jpg" alt=""><figcaption>Die Gäste im Rathaus. Foto: Stadt Musterstadt</figcaption></figure>` +
				tt.around + `</article></main></body></html>`
			a, err := Extract("https://a.example/presse/x", []byte(page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range tt.gone {
				if strings.Contains(a.BodyHTML, g) {
					t.Errorf("%q stays in the body:\n%s", g, a.BodyHTML)
				}
			}
			if a.Boilerplate == 0 {
				t.Error("no boilerplate block counted")
			}
			if !strings.Contains(a.BodyText, "Die Teilnehmenden") || strings.Count(a.BodyText, "Austauschprogramm") != 2 ||
				len(a.Images) != 1 || a.Images[0].Credit != "Stadt Musterstadt" || !strings.Contains(a.BodyHTML, "<figcaption>") {
				t.Errorf("lost part of the release: %+v", a)
			}
		})
	}
}

func TestPressContactKeptApart(t *testing.T) {
	for _, contact := range []string{
		`<h3>Pressekontakt</h3><p>Stadt Musterstadt, Presseamt<br>Telefon 0123 4567</p>`,
		`<p><strong>Press contact:</strong> City of Leicester, Press Office, phone 0116 454 1000</p>`,
		`<div class="c"><h4>Contact presse</h4><p>Ville de Dunkerque, service presse</p><p>Tél. 03 28 26 26 26</p></div>`,
		`<p>Perscontact: Gemeente Venlo, afdeling communicatie, 077 359 6666</p>`,
	} {
		page := `<html><body><main><h1>Neues Austauschprogramm</h1><p>Veröffentlicht am: 02.05.2024</p>` + releaseText +
			`<h2>Kontakt zwischen den Schulen</h2>` + releaseText + contact + `</main></body></html>`
		a, err := Extract("https://a.example/presse/x", []byte(page), Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := textOf(mustFragment(t, contact))
		if a.Contact != want || strings.Contains(a.BodyText, want[len(want)-8:]) {
			t.Errorf("contact %q (want %q), body:\n%s", a.Contact, want, a.BodyText)
		}
		if !strings.Contains(a.BodyText, "Kontakt zwischen den Schulen") {
			t.Errorf("a subheading that begins with Kontakt was taken:\n%s", a.BodyText)
		}
	}
}

func mustFragment(t *testing.T, s string) *goquery.Selection {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<div>" + s + "</div>"))
	if err != nil {
		t.Fatal(err)
	}
	return doc.Find("body > div")
}
