package archivetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// KrefeldListing is the path of the Domino archive's first listing page.
const KrefeldListing = "/de/presse/pressemitteilungen/"

// krefeldPerPage is the number of releases per listing page (offsets 1+5k).
const krefeldPerPage = 5

var dominoOffset = regexp.MustCompile(`&s91=(\d+)`)

// Krefeld is the Domino-shaped fixture site.
type Krefeld struct {
	a        *Archive
	releases []Release
	tmpl     *template.Template
	image    *template.Template
	boxes    map[string]template.HTML
	via      map[string]string // slug -> listing href (guarded by a.mu)
}

// Krefeld returns the handler of the Krefeld-shaped site.
func (a *Archive) Krefeld() *Krefeld {
	rels := mustReleases("testdata/krefeld/releases.txt")
	k := &Krefeld{a: a, boxes: map[string]template.HTML{}, via: map[string]string{}}
	for _, r := range rels {
		if r.Fault != "" && r.Fault != "truncated" && r.Fault != "flaky" && !a.Faults {
			continue
		}
		k.releases = append(k.releases, r)
	}
	k.tmpl = template.Must(template.ParseFS(files, "testdata/krefeld/layout.html", "testdata/krefeld/listing.html", "testdata/krefeld/article.html"))
	k.image = template.Must(template.ParseFS(files, "testdata/krefeld/image.html"))
	for _, b := range []string{"galerie", "duenkirchen", "partnerschaften"} {
		raw, err := files.ReadFile("testdata/krefeld/box-" + b + ".html")
		if err != nil {
			panic(err)
		}
		k.boxes[b] = template.HTML(raw)
	}
	return k
}

// Releases are the site's releases, newest first (fault pages included when on).
func (k *Krefeld) Releases() []Release { return k.releases }

// Path is where a release's page lives.
func (k *Krefeld) Path(r Release) string {
	if r.Old {
		return "/de/pressemeldungen/" + r.Slug + "/"
	}
	return "/de/inhalt/" + r.Slug + "/"
}

// krefeldReplica is the Domino database in old document URLs.
const krefeldReplica = "/C1257B0E003A8B1C"

// DocumentPath is a release's old Domino document URL
// ("/<replica>/html/<32 hex>?OpenDocument"), whose page names Path as its
// canonical URL.
func (k *Krefeld) DocumentPath(r Release) string {
	return krefeldReplica + "/html/" + documentID(r) + "?OpenDocument"
}

func documentID(r Release) string {
	sum := sha256.Sum256([]byte(r.Slug))
	return strings.ToUpper(hex.EncodeToString(sum[:16]))
}

// LinkVia makes the listing link a release with href (an absolute URL on a
// mirror, or DocumentPath) instead of its Path; "" restores the Path.
func (k *Krefeld) LinkVia(slug, href string) {
	k.a.mu.Lock()
	defer k.a.mu.Unlock()
	k.via[slug] = href
}

func (k *Krefeld) href(r Release) string {
	k.a.mu.Lock()
	defer k.a.mu.Unlock()
	if h := k.via[r.Slug]; h != "" {
		return h
	}
	return k.Path(r) + r.Suffix
}

// ServeHTTP serves the site: robots.txt, listing pages, releases and faults.
func (k *Krefeld) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	broken, hits := k.a.count(r)
	p := r.URL.Path
	switch {
	case broken != 0:
		http.Error(w, "fixture: broken", broken)
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /intern/\nDisallow: /de/suche/\n")
	case strings.HasPrefix(p, "/de/medien/"):
		servePixel(w)
	case strings.HasPrefix(p, KrefeldListing):
		k.listing(w, r)
	case strings.HasPrefix(p, krefeldReplica+"/html/"):
		for _, rel := range k.releases {
			if p == krefeldReplica+"/html/"+documentID(rel) {
				k.article(w, r, rel, hits, "http://"+r.Host+k.Path(rel))
				return
			}
		}
		http.NotFound(w, r)
	case strings.HasPrefix(p, "/de/inhalt/umleitung"):
		next := "/de/inhalt/umleitung-2/"
		if strings.HasPrefix(p, "/de/inhalt/umleitung-2") {
			next = "/de/inhalt/umleitung/"
		}
		http.Redirect(w, r, next, http.StatusFound)
	case strings.HasPrefix(p, "/de/inhalt/"), strings.HasPrefix(p, "/de/pressemeldungen/"):
		clean := dominoSuffixPath(p)
		for _, rel := range k.releases {
			if k.Path(rel) == clean {
				k.article(w, r, rel, hits, "")
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

func dominoSuffixPath(p string) string {
	if i := strings.Index(p, "&"); i >= 0 {
		return p[:i]
	}
	return p
}

type page struct {
	Number  int
	Href    string
	Current bool
}

type entry struct {
	Href, Title, Teaser string
	Image               *Image
}

func (k *Krefeld) listing(w http.ResponseWriter, r *http.Request) {
	offset := 1
	if m := dominoOffset.FindStringSubmatch(r.URL.Path); m != nil {
		offset, _ = strconv.Atoi(m[1])
	}
	start := offset - 1
	if start < 0 || start >= len(k.releases) && start > 0 {
		http.NotFound(w, r)
		return
	}
	end := min(start+krefeldPerPage, len(k.releases))
	data := map[string]any{"PageTitle": "Pressemitteilungen"}
	var entries []entry
	for _, rel := range k.releases[start:end] {
		entries = append(entries, entry{Href: k.href(rel), Title: k.a.title(rel), Teaser: rel.Teaser, Image: rel.FirstImage()})
	}
	data["Entries"] = entries
	var pages []page
	for i := 0; i*krefeldPerPage < len(k.releases); i++ {
		pages = append(pages, page{Number: i + 1, Href: listingHref(1 + i*krefeldPerPage), Current: i*krefeldPerPage == start})
	}
	data["Pages"] = pages
	if end < len(k.releases) {
		data["Next"] = listingHref(1 + end)
	}
	var b bytes.Buffer
	if err := k.tmpl.ExecuteTemplate(&b, "listing.html", data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	k.a.serve(w, r, "text/html; charset=utf-8", b.Bytes())
}

func listingHref(offset int) string {
	if offset == 1 {
		return KrefeldListing
	}
	return fmt.Sprintf("%s&s91=%d&s93=326", KrefeldListing, offset)
}
