package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// addArticle stores an article about venlo.
func (e *env) addArticle(title string) store.Article {
	e.t.Helper()
	a := store.Article{Source: "krefeld", URL: "https://city.example/" + strings.ReplaceAll(title, " ", "-"), Title: title,
		Lead: "Lead", Language: "de", PublishedAt: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
	if _, err := e.store.UpsertArticle(e.ctx, &a); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.store.ReplaceTags(e.ctx, a.ID, []store.Tag{{Partner: "venlo", Score: 1}}); err != nil {
		e.t.Fatal(err)
	}
	return a
}

// TestHideAndTranslate: an editor hides an article with a reason (none:
// 400, nothing changes), finds it under the hidden filter, shows it again;
// adds and removes a translation (an unknown language: 400). Every change
// is in the audit log with its before and after.
func TestHideAndTranslate(t *testing.T) {
	e := newEnv(t, testConfig(), nil)
	a := e.addArticle("Besuch aus Venlo")
	c := e.client()
	e.login(c, editorName, editorPassword)
	page := fmt.Sprintf("/admin/articles/%d", a.ID)
	post := func(action string, form url.Values) int {
		t.Helper()
		form.Set("csrf", e.token(c, page))
		resp, _ := e.post(c, page+"/"+action, form)
		return resp.StatusCode
	}
	if code := post("hide", url.Values{"reason": {"  "}}); code != http.StatusBadRequest {
		t.Errorf("hide without a reason: %d", code)
	}
	if got, _ := e.store.Article(e.ctx, a.ID); !got.HiddenAt.IsZero() {
		t.Fatal("hidden without a reason")
	}
	if code := post("hide", url.Values{"reason": {"withdrawn by the press office"}}); code != http.StatusSeeOther {
		t.Fatalf("hide: %d", code)
	}
	got, _ := e.store.Article(e.ctx, a.ID)
	if got.HiddenAt.IsZero() || got.HiddenReason != "withdrawn by the press office" {
		t.Fatalf("after hide: %+v", got)
	}
	if _, body := e.get(c, "/admin/articles?hidden=1"); !strings.Contains(body, "Besuch aus Venlo") {
		t.Error("the hidden filter does not list the hidden article")
	}
	if _, body := e.get(c, "/admin/articles?hidden=1&partner=leiden"); strings.Contains(body, "Besuch aus Venlo") {
		t.Error("the partner filter lists an article about another partner")
	}
	if code := post("unhide", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("unhide: %d", code)
	}
	if got, _ := e.store.Article(e.ctx, a.ID); !got.HiddenAt.IsZero() {
		t.Fatal("still hidden after unhide")
	}

	if code := post("translation", url.Values{"lang": {"xx"}, "title": {"T"}}); code != http.StatusBadRequest {
		t.Errorf("translation into an unknown language: %d", code)
	}
	if code := post("translation", url.Values{"lang": {"en"}, "title": {"Visit from  Venlo"}, "summary": {"A visit."}}); code != http.StatusSeeOther {
		t.Fatalf("translation: %d", code)
	}
	got, _ = e.store.Article(e.ctx, a.ID)
	if tr := got.Translations["en"]; tr.Title != "Visit from Venlo" || tr.Summary != "A visit." || tr.Translator != editorName {
		t.Fatalf("stored translation %+v", got.Translations)
	}
	if _, body := e.get(c, page); !strings.Contains(body, "Visit from Venlo") {
		t.Error("the article page does not list the translation")
	}
	if code := post("translation", url.Values{"lang": {"en"}, "title": {""}}); code != http.StatusSeeOther {
		t.Fatalf("removing the translation: %d", code)
	}
	if got, _ := e.store.Article(e.ctx, a.ID); len(got.Translations) != 0 {
		t.Errorf("translation kept: %+v", got.Translations)
	}

	log, err := e.store.AuditLog(e.ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, en := range log {
		if en.Actor == editorName {
			actions = append(actions, en.Action)
		}
	}
	if got := strings.Join(actions, " "); got != "article.translate article.translate article.unhide article.hide" {
		t.Errorf("audit log: %s", got)
	}
	if hide := log[len(actions)-1]; !strings.Contains(hide.After, "withdrawn by the press office") || !strings.Contains(hide.Before, `"hidden":false`) {
		t.Errorf("hide entry %+v", hide)
	}
}
