package admin

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Limits of a translation's texts.
const (
	maxTranslatedTitle   = 300
	maxTranslatedSummary = 2000
)

type translationRecord struct {
	Lang    string `json:"lang"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

type translationView struct {
	Lang, LangName, Title, Summary, By string
}

// translationViews are the article's translations for its page, by language.
func translationViews(a store.Article) []translationView {
	var out []translationView
	for _, l := range i18n.Languages() {
		if t, ok := a.Translations[l]; ok {
			out = append(out, translationView{Lang: l, LangName: i18n.Name(l), Title: t.Title, Summary: t.Summary, By: t.Translator})
		}
	}
	return out
}

// Translate stores the press office's title and summary of the article in
// one of the site's languages (an empty title removes that translation);
// pages, digests and bot messages in that language show it, marked.
func (h *Handler) Translate(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	lang := r.PostFormValue("lang")
	title := strings.Join(strings.Fields(r.PostFormValue("title")), " ")
	summary := strings.TrimSpace(r.PostFormValue("summary"))
	if !i18n.Supported(lang) || utf8.RuneCountInString(title) > maxTranslatedTitle ||
		utf8.RuneCountInString(summary) > maxTranslatedSummary || (title == "" && summary != "") {
		h.fail(w, r, http.StatusBadRequest, "error_translation")
		return
	}
	ctx, who := r.Context(), current(r).Username
	old, had := a.Translations[lang]
	notice := "translated"
	err := h.Store.InTx(ctx, func(tx *store.Store) error {
		entry := store.AuditEntry{At: h.now(), Actor: who, Action: "article.translate", Object: fmt.Sprintf("article:%d", a.ID)}
		if had {
			entry.Before = store.AuditJSON(translationRecord{lang, old.Title, old.Summary})
		}
		if title == "" {
			notice = "untranslated"
			if _, err := tx.DeleteArticleTranslation(ctx, a.ID, lang); err != nil {
				return err
			}
		} else {
			entry.After = store.AuditJSON(translationRecord{lang, title, summary})
			if err := tx.SetArticleTranslation(ctx, a.ID, store.Translation{Lang: lang, Title: title, Summary: summary,
				Translator: who, UpdatedAt: h.now()}); err != nil {
				return err
			}
		}
		return tx.AddAudit(ctx, entry)
	})
	if err != nil {
		h.internal(w, r, err)
		return
	}
	h.Changed()
	http.Redirect(w, r, fmt.Sprintf("/admin/articles/%d?done=%s", a.ID, notice), http.StatusSeeOther)
}
