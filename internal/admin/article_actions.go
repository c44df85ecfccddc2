package admin

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/hide"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
)

// maxReason is the longest reason for hiding an article.
const maxReason = 500

type pinRecord struct {
	URL      string   `json:"url"`
	Partners []string `json:"partners"`
	Pinned   bool     `json:"pinned"`
}

// Pin pins the partners checked in the form (none: the article is about
// no partner) through the domain step `tag --set` uses: tags replaced,
// partners it gained notified, in one transaction with the audit entry.
func (h *Handler) Pin(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	var slugs []string
	for _, s := range r.PostForm["partners"] {
		if _, ok := h.Config.Partner(s); ok {
			slugs = append(slugs, s)
		}
	}
	h.editTags(w, r, a, "article.pin", "pinned", func(ctx context.Context, tx *store.Store) (store.Article, []string, error) {
		return tx.SetTagOverride(ctx, a.URL, slugs)
	})
}

// Unpin removes the pin: the tagger decides the partners again (`tag --unset`).
func (h *Handler) Unpin(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	h.editTags(w, r, a, "article.unpin", "unpinned", func(ctx context.Context, tx *store.Store) (store.Article, []string, error) {
		return tx.RemoveTagOverride(ctx, a.URL, func(a store.Article) []store.Tag {
			return tagging.Tags(h.tagger.Tag(tagging.Document(a)))
		})
	})
}

// editTags runs edit through tagging.Edit with the audit entry in the same
// transaction, then re-renders the feeds and shows the article again.
func (h *Handler) editTags(w http.ResponseWriter, r *http.Request, a store.Article, action, notice string,
	edit func(ctx context.Context, tx *store.Store) (store.Article, []string, error)) {
	ctx, who := r.Context(), current(r).Username
	before, _, _ := h.Store.TagOverride(ctx, a.URL)
	err := tagging.Edit(ctx, h.Store, h.Jobs, func(tx *store.Store) (store.Article, []string, error) {
		got, added, err := edit(ctx, tx)
		if err != nil {
			return got, added, err
		}
		after, pinned, err := tx.TagOverride(ctx, a.URL)
		if err != nil {
			return got, added, err
		}
		if !pinned {
			after = nil
			for _, tg := range mustArticle(ctx, tx, a.ID).Tags {
				after = append(after, tg.Partner)
			}
		}
		return got, added, tx.AddAudit(ctx, store.AuditEntry{At: h.now(), Actor: who, Action: action,
			Object: fmt.Sprintf("article:%d", a.ID), Before: store.AuditJSON(pinRecord{a.URL, tagsOf(a, before), len(before) > 0}),
			After: store.AuditJSON(pinRecord{a.URL, after, pinned})})
	})
	if err != nil {
		h.internal(w, r, err)
		return
	}
	h.Changed()
	http.Redirect(w, r, fmt.Sprintf("/admin/articles/%d?done=%s", a.ID, notice), http.StatusSeeOther)
}

// mustArticle is the article as tx has it now (its tags after the edit);
// the zero article when it cannot be read (the audit entry then has no tags).
func mustArticle(ctx context.Context, tx *store.Store, id int64) store.Article {
	a, _ := tx.Article(ctx, id)
	return a
}

// tagsOf is the pin's partners, or the article's tags when nothing is pinned.
func tagsOf(a store.Article, pinned []string) []string {
	if len(pinned) > 0 {
		return pinned
	}
	var out []string
	for _, tg := range a.Tags {
		out = append(out, tg.Partner)
	}
	return out
}

// Hide withdraws the article with the form's reason (required): it leaves
// feeds, pages and pending digests, and its recent Telegram messages are
// deleted (see package hide).
func (h *Handler) Hide(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" || utf8.RuneCountInString(reason) > maxReason {
		h.fail(w, r, http.StatusBadRequest, "error_reason")
		return
	}
	if _, err := hide.Article(r.Context(), h.hideDeps(), a.ID, reason, current(r).Username); err != nil {
		h.internal(w, r, err)
		return
	}
	h.Changed()
	http.Redirect(w, r, fmt.Sprintf("/admin/articles/%d?done=hidden", a.ID), http.StatusSeeOther)
}

// Unhide shows a withdrawn article again.
func (h *Handler) Unhide(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	if _, err := hide.Unhide(r.Context(), h.hideDeps(), a.ID, current(r).Username); err != nil {
		h.internal(w, r, err)
		return
	}
	h.Changed()
	http.Redirect(w, r, fmt.Sprintf("/admin/articles/%d?done=shown", a.ID), http.StatusSeeOther)
}

func (h *Handler) hideDeps() hide.Deps {
	return hide.Deps{Store: h.Store, Jobs: h.Jobs, Telegram: h.Telegram, Hooks: h.HideHooks, Now: h.now}
}
