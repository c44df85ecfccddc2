package activitypub

import (
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/version"
)

// writeJSON answers with a JSON document of content type ct.
func writeJSON(w http.ResponseWriter, ct string, v any) {
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "max-age=300")
	_ = json.NewEncoder(w).Encode(v)
}

const activityJSON = "application/activity+json"

// WebFinger answers /.well-known/webfinger?resource=acct:{slug}@{host}
// (also the actor's URL as the resource) with the actor's JRD.
func (s *Service) WebFinger(w http.ResponseWriter, r *http.Request) {
	res := r.URL.Query().Get("resource")
	slug, ok := "", false
	if acct, isAcct := strings.CutPrefix(res, "acct:"); isAcct {
		user, host, found := strings.Cut(acct, "@")
		if found && strings.EqualFold(host, s.host) && s.isActor(user) {
			slug, ok = user, true
		}
	} else {
		slug, ok = s.localActor(res)
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, "application/jrd+json", map[string]any{
		"subject": "acct:" + slug + "@" + s.host,
		"aliases": []string{s.actorURL(slug)},
		"links": []map[string]string{
			{"rel": "self", "type": activityJSON, "href": s.actorURL(slug)},
			{"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": s.profileURL(slug)},
		}})
}

// NodeInfoLinks answers /.well-known/nodeinfo with the NodeInfo 2.1 link.
func (s *Service) NodeInfoLinks(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, "application/json", map[string]any{"links": []map[string]string{
		{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": s.base + "/nodeinfo/2.1"}}})
}

// NodeInfo answers the NodeInfo 2.1 document.
func (s *Service) NodeInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"`, map[string]any{
		"version":           "2.1",
		"software":          map[string]string{"name": "partnerfeed", "version": version.String(), "homepage": s.base + "/"},
		"protocols":         []string{"activitypub"},
		"services":          map[string][]string{"inbound": {}, "outbound": {"atom1.0", "rss2.0"}},
		"openRegistrations": false,
		"usage":             map[string]any{"users": map[string]int{"total": len(s.actors())}},
		"metadata":          map[string]string{"nodeName": s.cfg.Site.Title},
	})
}

// profileURL is the actor's page: the partner's, or the index for "all".
func (s *Service) profileURL(actor string) string {
	if actor == AllActor {
		return s.base + "/"
	}
	return s.base + "/partners/" + actor
}

// Actor answers an actor document (type Service).
func (s *Service) Actor(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !s.isActor(slug) {
		http.NotFound(w, r)
		return
	}
	k, err := s.key(r.Context(), slug)
	if err != nil {
		s.log.Error("Actor key failed", slog.String("actor", slug), slog.Any("error", err))
		http.Error(w, "actor key unavailable", http.StatusInternalServerError)
		return
	}
	lang := i18n.Pick(s.cfg.Site.Language, s.cfg.Site.Language)
	name, summary := i18n.T(lang, "fedi.actor_name_all"), i18n.T(lang, "fedi.actor_summary_all")
	if p, ok := s.cfg.Partner(slug); ok {
		name = p.Name(s.cfg.Site.Language)
		summary = i18n.T(lang, "fedi.actor_summary", name)
	}
	id := s.actorURL(slug)
	doc := map[string]any{
		"@context": Context, "id": id, "type": "Service", "preferredUsername": slug,
		"name": name, "summary": summary, "url": s.profileURL(slug), "discoverable": true,
		"manuallyApprovesFollowers": false,
		"inbox":                     id + "/inbox", "outbox": id + "/outbox", "followers": id + "/followers",
		"endpoints": map[string]string{"sharedInbox": s.sharedInbox()},
		"publicKey": map[string]string{"id": s.keyID(slug), "owner": id, "publicKeyPem": k.publicPEM},
	}
	if u := s.icon(slug); u != "" {
		icon := map[string]string{"type": "Image", "url": u}
		if mt := mime.TypeByExtension(strings.ToLower(path.Ext(u))); mt != "" {
			icon["mediaType"] = mt
		}
		doc["icon"] = icon
	}
	writeJSON(w, activityJSON, doc)
}

// icon is the actor's picture (activitypub.icons), "" for none.
func (s *Service) icon(slug string) string { return s.cfg.ActivityPub.Icons[slug] }

// Followers answers the followers collection: its size, no list.
func (s *Service) Followers(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !s.isActor(slug) {
		http.NotFound(w, r)
		return
	}
	n, err := s.store.FediFollowerCount(r.Context(), slug)
	if err != nil {
		http.Error(w, "unavailable", http.StatusInternalServerError)
		return
	}
	writeJSON(w, activityJSON, map[string]any{"@context": Context, "id": s.actorURL(slug) + "/followers",
		"type": "OrderedCollection", "totalItems": n})
}

// outboxPage is how many activities an outbox page holds.
const outboxPage = 20

// Outbox answers the actor's outbox: an OrderedCollection whose pages
// (?page=true, then ?before=<id>) hold the Creates of its articles, newest
// first.
func (s *Service) Outbox(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !s.isActor(slug) {
		http.NotFound(w, r)
		return
	}
	id := s.actorURL(slug) + "/outbox"
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	ids, total, err := s.store.FediOutbox(r.Context(), slug, before, outboxPage)
	if err != nil {
		http.Error(w, "unavailable", http.StatusInternalServerError)
		return
	}
	if q.Get("page") == "" && q.Get("before") == "" {
		writeJSON(w, activityJSON, map[string]any{"@context": Context, "id": id, "type": "OrderedCollection",
			"totalItems": total, "first": id + "?page=true"})
		return
	}
	items := make([]any, 0, len(ids))
	for _, aid := range ids {
		a, err := s.store.Article(r.Context(), aid)
		if err != nil {
			continue
		}
		act := s.articleActivity("create", slug, a)
		delete(act, "@context")
		items = append(items, act)
	}
	page := map[string]any{"@context": Context, "id": id + "?" + r.URL.RawQuery, "type": "OrderedCollectionPage",
		"partOf": id, "orderedItems": items}
	if len(ids) == outboxPage {
		page["next"] = id + "?before=" + strconv.FormatInt(ids[len(ids)-1], 10)
	}
	writeJSON(w, activityJSON, page)
}

// Note answers a published article's Note (a Tombstone once it is hidden).
func (s *Service) Note(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if !s.isActor(slug) || err != nil {
		http.NotFound(w, r)
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if !a.HiddenAt.IsZero() {
		writeJSON(w, activityJSON, map[string]any{"@context": Context, "id": s.noteURL(slug, id), "type": "Tombstone"})
		return
	}
	n := s.note(slug, a)
	n["@context"] = Context
	writeJSON(w, activityJSON, n)
}
