package archivetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
)

// Site is one fixture archive of the CMS corpus as the corpus test sees it:
// where its listing starts and what a crawler must make of it.
type Site struct {
	Name     string // e.g. "typo3"
	CMS      string // the system whose default templates it follows
	Frozen   bool   // frozen evaluation part (testdata/README.md): nothing is tuned on it
	DateOnly bool   // the site shows no time of day: only the date is checked
	Handler  http.Handler
	Listing  string    // path (and query) of the first listing page
	Expected []Release // every release a crawler must store, newest first
	Path     func(Release) string
	// Phrases are the site's template phrases (share bar, back link,
	// cookie banner, breadcrumb, related posts, post navigation …): none
	// may appear in a stored body.
	Phrases []string
	// Tolerated are paths of pages that may be stored without being
	// checked (a fixture's fault pages).
	Tolerated []string
}

// Corpus returns every shape of the corpus, the Domino (Krefeld) one first.
func (a *Archive) Corpus() []Site {
	out := []Site{a.Krefeld().Site()}
	for _, s := range a.Shapes() {
		out = append(out, s.Site())
	}
	return out
}

// Shapes returns the template-rendered shapes of the corpus.
func (a *Archive) Shapes() []*Shape {
	var out []*Shape
	for _, spec := range shapeSpecs {
		out = append(out, a.newShape(spec))
	}
	return out
}

// Shape returns the shape called name (nil when there is none).
func (a *Archive) Shape(name string) *Shape {
	for _, spec := range shapeSpecs {
		if spec.name == name {
			return a.newShape(spec)
		}
	}
	return nil
}

// Site describes the Domino shape for the corpus test: its fault pages are
// not listed, the truncated one is served but not checked.
func (k *Krefeld) Site() Site {
	s := Site{Name: "domino", CMS: "HCL Domino (Krefeld)", DateOnly: true, Handler: k, Listing: KrefeldListing,
		Path: k.Path, Phrases: []string{"Das sind Krefelds Partnerstädte", "Sie sind hier:", "Meistgelesen",
			"Weitere Beiträge mit Bildergalerie", "Weitere Beiträge rund um Städtepartnerschaften",
			"Weitere Beiträge zur Städtepartnerschaft", "Inhaltsbereich", "Barrierefreiheit"}}
	for _, r := range k.releases {
		if r.Fault == "" || r.Fault == "flaky" {
			s.Expected = append(s.Expected, r)
		} else {
			s.Tolerated = append(s.Tolerated, k.Path(r))
		}
	}
	return s
}

// pageQuery is a listing paginated by a query parameter: page i has the
// value first+i, the first page has none.
func pageQuery(listing, param string, first int) func(int) string {
	return func(i int) string {
		if i == 0 {
			return listing
		}
		return fmt.Sprintf("%s?%s=%d", listing, param, first+i)
	}
}

// cHash is a TYPO3-like cache hash of a query.
func cHash(q string) string {
	sum := sha256.Sum256([]byte(q))
	return hex.EncodeToString(sum[:16])
}

func slugPath(prefix, suffix string) func(Release) string {
	return func(r Release) string { return prefix + r.Slug + suffix }
}

// shapeSpecs are the template-rendered shapes, in the order of the report.
var shapeSpecs = []shapeSpec{
	{
		name: "typo3", cms: "TYPO3 with the news extension (tx_news)", perPage: 4,
		pageHref: func(i int) string {
			const l = "/aktuelles/pressemitteilungen/"
			if i == 0 {
				return l
			}
			q := fmt.Sprintf("tx_news_pi1%%5BcurrentPage%%5D=%d", i+1)
			return l + "?" + q + "&cHash=" + cHash(q)
		},
		articlePath: slugPath("/aktuelles/pressemitteilungen/detail/", ""),
		extra: map[string]string{
			"/aktuelles/pressemitteilungen/kategorie/staedtepartnerschaft/": "category.html",
			"/aktuelles/pressemitteilungen/archiv/":                         "category.html",
		},
		phrases: []string{"Diese Website verwendet Cookies", "Alle akzeptieren", "Sie befinden sich hier",
			"Auf Facebook teilen", "Per E-Mail empfehlen", "Ähnliche Nachrichten", "Zurück zur Übersicht",
			"Newsletter der Stadt"},
	},
	{
		name: "drupal", cms: "Drupal 10 (Olivero, views pager)", perPage: 5,
		pageHref:    pageQuery("/presse", "page", 0),
		articlePath: slugPath("/presse/", ""),
		extra:       map[string]string{"/partnerstaedte": "overview.html"},
		phrases: []string{"Direkt zum Inhalt", "Wir verwenden Cookies", "Einstellungen anpassen", "Brotkrümelnavigation",
			"Diesen Artikel teilen", "Das könnte Sie auch interessieren", "Unsere Partnerstädte", "Schlagworte"},
	},
	{
		name: "wordpress", cms: "WordPress (Twenty Twenty-Four block theme)", perPage: 4,
		pageHref: func(i int) string {
			const l = "/kategorie/pressemitteilungen/"
			if i == 0 {
				return l
			}
			return fmt.Sprintf("%spage/%d/", l, i+1)
		},
		articlePath: func(r Release) string {
			return r.when().UTC().Format("/2006/01/02/") + r.Slug + "/"
		},
		extra: map[string]string{"/kategorie/staedtepartnerschaften/": "category.html"},
		phrases: []string{"Zum Inhalt springen", "Cookie-Zustimmung verwalten", "Teilen mit:", "Ähnliche Beiträge",
			"Vorheriger Beitrag", "Nächster Beitrag", "Neueste Beiträge", "Kommentare sind geschlossen",
			"Stolz präsentiert von WordPress"},
	},
	{
		name: "gsb", cms: "Government Site Builder 10 (GSB)", perPage: 4, dateOnly: true,
		pageHref: func(i int) string {
			const l = "/DE/Service/Presse/Pressemitteilungen/pressemitteilungen_node.html"
			if i == 0 {
				return l
			}
			return fmt.Sprintf("%s?gtp=2085466_list%%253D%d", l, i+1)
		},
		articlePath: func(r Release) string {
			return "/SharedDocs/Pressemitteilungen/DE/" + r.when().In(berlin()).Format("2006/01/") + r.Slug + ".html"
		},
		extra: map[string]string{"/DE/Themen/Staedtepartnerschaften/staedtepartnerschaften_node.html": "topic.html"},
		phrases: []string{"Diese Webseite verwendet nur technisch notwendige Cookies", "Sie sind hier:", "Mehr zum Thema",
			"Seite teilen", "Seite drucken", "Zum Seitenanfang", "Schlagwörter", "Pressemitteilungen abonnieren"},
		context: []string{"nn"},
	},
	{
		name: "contao", cms: "Contao 4 (news list and reader, <base href>)", perPage: 4,
		pageHref:    pageQuery("/aktuelles/pressemitteilungen.html", "page_n12", 1),
		articlePath: slugPath("/aktuelles/nachricht/", ".html"),
		extra: map[string]string{
			"/aktuelles/pressemitteilungen.html?month=202406": "month.html",
			"/aktuelles/pressemitteilungen.html?month=202405": "month.html",
		},
		phrases: []string{"Diese Webseite verwendet Cookies", "Verstanden", "Navigation überspringen", "Sie befinden sich hier",
			"Artikel teilen", "Weitere Meldungen", "Nachrichtenarchiv", "Nächste Termine"},
	},
	{
		name: "sitepark", cms: "Sitepark IES (\"mehr laden\" JSON endpoint)", frozen: true, perPage: 4,
		pageHref: pageQuery("/presse/pressemitteilungen.html", "page", 1),
		moreHref: func(i int) string {
			return fmt.Sprintf("/presse/pressemitteilungen.teaser.json?offset=%d&limit=4", i*4)
		},
		articlePath: slugPath("/presse/pressemitteilungen/artikel/", ".html"),
		phrases: []string{"Wir nutzen Cookies", "Alle Cookies zulassen", "Sie sind hier", "Vorlesen", "Seite teilen",
			"Zurück zur Übersicht", "Das könnte Sie auch interessieren", "Leichte Sprache", "Gebärdensprache"},
	},
	{
		name: "joomla", cms: "Joomla 5 (com_content category blog, Cassiopeia)", frozen: true, perPage: 5,
		pageHref: func(i int) string {
			const l = "/aktuelles/pressemitteilungen"
			if i == 0 {
				return l
			}
			return fmt.Sprintf("%s?start=%d", l, i*5)
		},
		articlePath: func(r Release) string {
			sum := sha256.Sum256([]byte(r.Slug))
			return fmt.Sprintf("/aktuelles/pressemitteilungen/%d-%s", 200+int(sum[0]), r.Slug)
		},
		phrases: []string{"Wir setzen auf dieser Webseite Cookies ein", "Ich stimme zu", "Aktuelle Seite:", "Geschrieben von",
			"Zugriffe:", "Vorheriger Beitrag", "Nächster Beitrag", "Beitrag teilen", "Meistgelesen"},
	},
	{
		name: "venlo", cms: "Dutch partner-city site (Venlo-style municipal news)", frozen: true, dateOnly: true, perPage: 4,
		pageHref:    pageQuery("/nieuws", "pagina", 1),
		articlePath: slugPath("/nieuws/", ""),
		extra:       map[string]string{"/internationaal/partnersteden": "partners.html"},
		phrases: []string{"Deze website gebruikt cookies", "Cookies accepteren", "U bent hier", "Lees voor", "Deel dit bericht",
			"Gerelateerd nieuws", "Terug naar overzicht", "Was deze informatie nuttig", "Meest gezocht", "Laatst gewijzigd"},
	},
	{
		name: "leicester", cms: "English partner-city council site (rel=next in <head>, UK times)", perPage: 4,
		pageHref:    pageQuery("/news", "page", 1),
		articlePath: slugPath("/news/", "/"),
		extra:       map[string]string{"/news/tag/twin-cities/": "tag.html"},
		phrases: []string{"We use some essential cookies", "Accept additional cookies", "Skip to main content", "Share this page",
			"Related news", "Back to news", "Was this page helpful", "Latest news", "Tagged:"},
	},
	{
		name: "dunkerque", cms: "French partner-city site (\"Voir plus\" JSON items endpoint)", perPage: 4,
		pageHref: pageQuery("/actualites", "page", 1),
		moreHref: func(i int) string {
			return fmt.Sprintf("/api/actualites?categorie=communiques&page=%d", i+1)
		},
		moreItems:   true,
		articlePath: slugPath("/actualites/", ".html"),
		phrases: []string{"Ce site utilise des cookies", "Tout accepter", "Vous êtes ici", "Partager cette page",
			"À lire aussi", "Retour aux actualités", "Article précédent", "Article suivant", "Dernières actualités"},
	},
}
