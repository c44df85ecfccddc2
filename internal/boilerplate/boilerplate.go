// Package boilerplate is the one list of phrases, in de, en, fr, nl and uk,
// that mark page text which is not part of a press release: skip links,
// teaser boxes, read-more and pagination links, share bars, print and back
// links, breadcrumbs, cookie banners, comment notes, post navigation and the
// press contact. Extraction, listing parsing and tagging all read it, so a
// phrase added here counts everywhere.
package boilerplate

import (
	"strings"
	"unicode"
)

// SkipLinks are accessibility links that precede a page's content.
var SkipLinks = []string{"inhaltsbereich", "zum inhalt", "zum inhalt springen", "zum hauptinhalt",
	"springe zum inhalt", "springe zum hauptinhalt", "direkt zum inhalt", "zur navigation", "zur suche",
	"skip to content", "skip to main content", "aller au contenu", "naar inhoud", "naar de inhoud",
	"перейти до змісту"}

// TeaserHeadings start the boxes of related articles after an article
// ("Weitere Beiträge mit Bildergalerie:"); from there on nothing is the
// release. ("Weitere Informationen" is not among them: releases end with it.)
var TeaserHeadings = []string{"weitere beiträge", "weitere artikel", "weitere meldungen",
	"weitere nachrichten", "weitere pressemitteilungen", "weitere themen",
	"mehr zum thema", "mehr news", "mehr nachrichten", "das könnte sie auch interessieren",
	"verwandte artikel", "verwandte beiträge", "verwandte themen", "ähnliche artikel", "ähnliche beiträge",
	"ähnliche meldungen", "nachrichten aus dem pressearchiv", "lesen sie auch", "auch interessant",
	"aktuelle beiträge", "neueste beiträge", "letzte beiträge",
	"related articles", "related news", "related posts", "related stories", "recent posts", "more news",
	"read more", "see also", "you may also like", "à lire aussi", "articles similaires", "sur le même sujet",
	"lees ook", "meer nieuws", "gerelateerde berichten", "recente berichten",
	"читайте також", "інші новини", "схожі новини"}

// ReadMore are the texts of links from a teaser to its article; such a link
// is never the next listing page.
var ReadMore = []string{"weiterlesen", "weiter lesen", "mehr", "mehr lesen", "mehr erfahren", "zum artikel",
	"zur meldung", "zur pressemitteilung", "read more", "read the full story", "more", "continue reading",
	"lire la suite", "lire plus", "en savoir plus", "lees meer", "lees verder", "meer",
	"читати далі", "детальніше", "докладніше", "більше"}

// NextPage are the texts of links to the next listing page.
var NextPage = []string{"weiter", "nächste", "nächste seite", "vor", "vorwärts", "ältere beiträge",
	"ältere meldungen", "ältere", "next", "next page", "older", "older posts", "older entries",
	"volgende", "volgende pagina", "suivant", "page suivante", "наступна", "наступна сторінка", "далі"}

// NextArrows are link texts made only of an arrow to the next page.
var NextArrows = []string{"»", "›", ">", ">>", "→", "»»", "›|"}

// LoadMore start the texts of buttons that load the next listing page in
// place ("Mehr laden", "Voir plus d'actualités").
var LoadMore = []string{"mehr laden", "weitere laden", "weitere meldungen laden", "mehr anzeigen", "weitere anzeigen",
	"load more", "show more", "more news", "meer laden", "toon meer", "meer nieuws", "charger plus", "afficher plus",
	"voir plus", "plus d'actualités", "завантажити ще", "показати більше", "більше новин"}

// LoadVerbs and MoreWords make a load-more label in other words ("Weitere
// Pressemitteilungen laden", "Show more stories"): a short label with one
// of each is one.
var (
	LoadVerbs = []string{"laden", "nachladen", "anzeigen", "load", "show", "charger", "afficher", "voir", "tonen",
		"bekijk", "завантажити", "показати"}
	MoreWords = []string{"mehr", "weitere", "more", "plus", "meer", "ще", "більше"}
)

// IsLoadMore reports whether a button or link label loads more teasers.
func IsLoadMore(label string) bool {
	f := Fold(label)
	if f == "" || len(f) > 60 {
		return false
	}
	if Starts(f, LoadMore) {
		return true
	}
	words := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
	hasAny := func(l []string) bool {
		for _, w := range words {
			for _, p := range l {
				if w == p {
					return true
				}
			}
		}
		return false
	}
	return hasAny(LoadVerbs) && hasAny(MoreWords)
}

// PostNav are the links between single posts ("« Vorheriger Beitrag").
var PostNav = []string{"vorheriger beitrag", "nächster beitrag", "vorherige meldung", "nächste meldung",
	"vorheriger artikel", "nächster artikel", "previous post", "next post", "previous article", "next article",
	"article précédent", "article suivant", "vorig bericht", "volgend bericht", "vorige", "попередня новина",
	"наступна новина"}

// Share starts a share bar ("Seite teilen: Facebook E-Mail Drucken").
var Share = []string{"seite teilen", "artikel teilen", "beitrag teilen", "diese seite teilen", "teilen",
	"share", "share this", "share this page", "partager", "partager cette page", "delen", "deel dit",
	"deze pagina delen", "поділитися"}

// Print and Back are the print and back links under an article.
var Print = []string{"drucken", "seite drucken", "druckversion", "print", "print this page", "imprimer",
	"afdrukken", "pagina afdrukken", "друкувати", "друк"}

// Back are the links back to the listing ("Zurück zur Übersicht").
var Back = []string{"zurück zur übersicht", "zurück zur liste", "zurück zu den pressemitteilungen",
	"zur übersicht", "zurück", "back", "back to overview", "back to the list", "back to news", "retour",
	"retour à la liste", "retour aux actualités", "terug", "terug naar overzicht", "terug naar het overzicht",
	"назад", "повернутися до списку", "до списку новин"}

// Home is the first link of a breadcrumb trail.
var Home = []string{"startseite", "start", "home", "homepage", "accueil", "homepagina", "головна"}

// Breadcrumbs start a breadcrumb trail.
var Breadcrumbs = []string{"sie sind hier", "sie befinden sich hier", "you are here", "vous êtes ici",
	"u bent hier", "u bevindt zich hier", "ви тут", "ви знаходитесь тут"}

// Cookies start a cookie banner.
var Cookies = []string{"diese website verwendet cookies", "diese webseite verwendet cookies", "wir verwenden cookies",
	"wir nutzen cookies", "cookie-einstellungen", "cookies akzeptieren", "this website uses cookies",
	"we use cookies", "cookie settings", "accept cookies", "ce site utilise des cookies",
	"nous utilisons des cookies", "accepter les cookies", "deze website gebruikt cookies",
	"wij gebruiken cookies", "cookies accepteren", "цей сайт використовує файли cookie", "ми використовуємо cookie"}

// Comments are the comment notes under a post.
var Comments = []string{"kommentare sind geschlossen", "keine kommentare", "kommentar schreiben",
	"kommentar verfassen", "einen kommentar hinterlassen", "comments are closed", "leave a comment",
	"leave a reply", "no comments", "les commentaires sont fermés", "laisser un commentaire",
	"reacties zijn gesloten", "laat een reactie achter", "geen reacties", "коментарі закрито",
	"залишити коментар"}

// Contact starts the press contact block of a release.
var Contact = []string{"pressekontakt", "kontakt für die presse", "kontakt für medien", "medienkontakt",
	"ansprechpartner", "ansprechpartnerin", "kontakt", "press contact", "media contact", "media enquiries",
	"contact", "contact presse", "contact média", "perscontact", "contact voor de pers", "contactpersoon",
	"контакти для преси", "контакт для преси", "контакти"}

// Fold lowercases s, collapses its white space and trims the arrows,
// chevrons, ellipses and punctuation that decorate link texts
// ("Weiterlesen »", "« Vorheriger Beitrag", "Mehr …").
func Fold(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
}

// Is reports whether text (folded) is one of the phrases.
func Is(text string, phrases []string) bool {
	f := Fold(text)
	for _, p := range phrases {
		if f == p {
			return true
		}
	}
	return false
}

// Starts reports whether text (folded) begins with one of the phrases as
// whole words ("Seite teilen: Facebook" starts with "seite teilen"; "Teilnahme"
// does not start with "teil").
func Starts(text string, phrases []string) bool {
	return Starting(text, phrases) != ""
}

// Starting is the phrase text begins with (as Starts), "" when none.
func Starting(text string, phrases []string) string {
	f := Fold(text)
	best := ""
	for _, p := range phrases {
		if len(p) > len(best) && strings.HasPrefix(f, p) && (len(f) == len(p) || !isWordByte(f, len(p))) {
			best = p
		}
	}
	return best
}

// isWordByte reports whether the rune starting at s[i] is a letter or digit.
func isWordByte(s string, i int) bool {
	for _, r := range s[i:] {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}
