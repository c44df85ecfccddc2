package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Article is one press release as stored.
type Article struct {
	ID       int64
	Source   string
	URL      string // canonical URL, the upsert key
	GUID     string // feed GUID, fixed at first insert
	Title    string
	Lead     string
	BodyHTML string // sanitized
	BodyText string
	// Contact is the release's press contact, apart from the body ("" when none).
	Contact     string
	Language    string
	PublishedAt time.Time
	FirstSeenAt time.Time
	UpdatedAt   time.Time
	// HiddenAt is when the press office withdrew the article (zero: shown);
	// HiddenReason says why.
	HiddenAt     time.Time
	HiddenReason string
	Images       []Image
	Tags         []Tag // filled by the List/Get functions
	// Translations are the press office's translations by language
	// (filled by the List/Get functions; nil when there are none).
	Translations map[string]Translation

	// Backfill is true for an article found by its source's first ingest
	// (set at insert, kept after): it qualifies for nobody (notify.Rule).
	Backfill bool
}

// Image is an article image with its caption and credit.
type Image struct {
	URL     string
	Caption string
	Credit  string
	Width   int
	Height  int
	// Length is the image's size in bytes from its server's Content-Length
	// (asked once, at ingest): 0 not asked, LengthUnknown asked and none given.
	// It is not part of ContentHash: learning it is no change of the article.
	Length int64
}

// LengthUnknown is an Image.Length that was asked for and not given.
const LengthUnknown = -1

// UpsertResult says what UpsertArticle did.
type UpsertResult int

// The outcomes of UpsertArticle.
const (
	Unchanged UpsertResult = iota
	Inserted
	Updated
)

func (r UpsertResult) String() string {
	return [...]string{"unchanged", "new", "updated"}[r]
}

// ContentHash is the hash that decides whether a stored article changed.
func (a Article) ContentHash() string {
	h := sha256.New()
	for _, s := range []string{a.Title, a.Lead, a.BodyHTML, a.PublishedAt.UTC().Format(time.RFC3339)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, im := range a.Images {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", im.URL, im.Caption, im.Credit)
	}
	if a.Contact != "" { // hashes of articles without a contact stay as they were
		fmt.Fprintf(h, "contact\x00%s\x00", a.Contact)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// UpsertArticle inserts a by canonical URL, or updates it in place when its
// content changed (same id, same GUID). It sets a.ID, a.GUID and a.FirstSeenAt.
func (s *Store) UpsertArticle(ctx context.Context, a *Article) (UpsertResult, error) {
	var res UpsertResult
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		res, err = tx.upsertArticle(ctx, a)
		return err
	})
	return res, err
}

func (s *Store) upsertArticle(ctx context.Context, a *Article) (UpsertResult, error) {
	now := Now()
	hash := a.ContentHash()
	var id, firstSeen, backfill int64
	var guid, oldHash string
	err := s.q.QueryRowContext(ctx,
		`SELECT id, guid, first_seen_at, content_hash, from_backfill FROM articles WHERE url = $1`, a.URL).
		Scan(&id, &guid, &firstSeen, &oldHash, &backfill)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if a.GUID == "" {
			a.GUID = a.URL
		}
		if a.FirstSeenAt.IsZero() {
			a.FirstSeenAt = time.UnixMilli(now)
		}
		err = s.q.QueryRowContext(ctx, `INSERT INTO articles
			(source, url, guid, title, lead, body_html, body_text, language,
			 published_at, first_seen_at, updated_at, content_hash, contact, from_backfill)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
			a.Source, a.URL, a.GUID, a.Title, a.Lead, a.BodyHTML, a.BodyText, a.Language,
			Millis(a.PublishedAt), Millis(a.FirstSeenAt), now, hash, a.Contact, boolInt(a.Backfill)).Scan(&a.ID)
		if err != nil {
			return 0, fmt.Errorf("store: insert article %s: %w", a.URL, err)
		}
		a.UpdatedAt = time.UnixMilli(now)
		return Inserted, s.replaceImages(ctx, a)
	case err != nil:
		return 0, fmt.Errorf("store: look up article %s: %w", a.URL, err)
	}
	a.ID, a.GUID, a.FirstSeenAt, a.Backfill = id, guid, Time(firstSeen), backfill == 1
	if oldHash == hash {
		return Unchanged, nil
	}
	_, err = s.q.ExecContext(ctx, `UPDATE articles SET source=$1, title=$2, lead=$3,
		body_html=$4, body_text=$5, language=$6, published_at=$7, updated_at=$8,
		content_hash=$9, contact=$10 WHERE id=$11`,
		a.Source, a.Title, a.Lead, a.BodyHTML, a.BodyText, a.Language,
		Millis(a.PublishedAt), now, hash, a.Contact, a.ID)
	if err != nil {
		return 0, fmt.Errorf("store: update article %s: %w", a.URL, err)
	}
	a.UpdatedAt = time.UnixMilli(now)
	return Updated, s.replaceImages(ctx, a)
}

func (s *Store) replaceImages(ctx context.Context, a *Article) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM article_images WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("store: clear images: %w", err)
	}
	for i, im := range a.Images {
		_, err := s.q.ExecContext(ctx, `INSERT INTO article_images
			(article_id, position, url, caption, credit, width, height, length)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, a.ID, i, im.URL, im.Caption, im.Credit, im.Width, im.Height, im.Length)
		if err != nil {
			return fmt.Errorf("store: insert image: %w", err)
		}
	}
	return nil
}

const articleColumns = `a.id, a.source, a.url, a.guid, a.title, a.lead, a.body_html,
	a.body_text, a.language, a.published_at, a.first_seen_at, a.updated_at, a.contact, a.hidden_at, a.hidden_reason, a.from_backfill`

func scanArticle(sc interface{ Scan(...any) error }) (Article, error) {
	var a Article
	var pub, seen, upd, hid, backfill int64
	err := sc.Scan(&a.ID, &a.Source, &a.URL, &a.GUID, &a.Title, &a.Lead, &a.BodyHTML,
		&a.BodyText, &a.Language, &pub, &seen, &upd, &a.Contact, &hid, &a.HiddenReason, &backfill)
	a.Backfill = backfill == 1
	a.PublishedAt, a.FirstSeenAt, a.UpdatedAt, a.HiddenAt = Time(pub), Time(seen), Time(upd), Time(hid)
	return a, err
}

// Article returns one article with its images and tags.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	return s.articleWhere(ctx, `a.id = $1`, id)
}

// ArticleByURL returns the article with the canonical URL.
func (s *Store) ArticleByURL(ctx context.Context, url string) (Article, error) {
	return s.articleWhere(ctx, `a.url = $1`, url)
}

func (s *Store) articleWhere(ctx context.Context, where string, arg any) (Article, error) {
	row := s.q.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles a WHERE `+where, arg)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, ErrNotFound
	}
	if err != nil {
		return Article{}, fmt.Errorf("store: get article: %w", err)
	}
	list := []Article{a}
	if err := s.fillDetails(ctx, list); err != nil {
		return Article{}, err
	}
	return list[0], nil
}

// ListOptions selects articles for ListArticles.
type ListOptions struct {
	Partner string // only articles tagged with this partner; "" = any partner
	Tagged  bool   // with Partner "", only articles with at least one tag
	Limit   int    // 0 = no limit
	Offset  int    // skip this many first (needs a Limit)
	// WithHidden includes the articles the press office withdrew (the
	// console, re-tagging); every reader that publishes leaves it false.
	WithHidden bool
}

// shown is the one condition that keeps withdrawn articles out of every
// query that publishes (feeds, pages, digests, the bot's lists).
const shown = `a.hidden_at = 0`

// ListArticles returns articles newest first (published, then id), with images and tags.
func (s *Store) ListArticles(ctx context.Context, o ListOptions) ([]Article, error) {
	where, args := o.where()
	q := `SELECT ` + articleColumns + ` FROM articles a` + where + ` ORDER BY a.published_at DESC, a.id DESC`
	if o.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, o.Limit)
		if o.Offset > 0 {
			q += fmt.Sprintf(` OFFSET %d`, o.Offset)
		}
	}
	return s.queryArticles(ctx, q, args...)
}

// where is the WHERE clause (with its arguments) selecting o's articles.
func (o ListOptions) where() (string, []any) {
	var conds []string
	var args []any
	if !o.WithHidden {
		conds = append(conds, shown)
	}
	switch {
	case o.Partner != "":
		conds = append(conds, `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.partner = $1)`)
		args = append(args, o.Partner)
	case o.Tagged:
		conds = append(conds, `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id)`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// queryArticles runs a SELECT of articleColumns and fills in images and tags.
func (s *Store) queryArticles(ctx context.Context, q string, args ...any) ([]Article, error) {
	rows, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list articles: %w", err)
	}
	var list []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan article: %w", err)
		}
		list = append(list, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list articles: %w", err)
	}
	return list, s.fillDetails(ctx, list)
}

// fillDetails loads images and tags for the articles in two queries.
func (s *Store) fillDetails(ctx context.Context, list []Article) error {
	if len(list) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(list))
	ids := make([]string, len(list))
	for i, a := range list {
		idx[a.ID] = i
		ids[i] = fmt.Sprint(a.ID)
	}
	in := strings.Join(ids, ",") // integers only: safe to inline
	rows, err := s.q.QueryContext(ctx, `SELECT article_id, url, caption, credit, width, height, length
		FROM article_images WHERE article_id IN (`+in+`) ORDER BY article_id, position`)
	if err != nil {
		return fmt.Errorf("store: list images: %w", err)
	}
	for rows.Next() {
		var id int64
		var im Image
		if err := rows.Scan(&id, &im.URL, &im.Caption, &im.Credit, &im.Width, &im.Height, &im.Length); err != nil {
			rows.Close()
			return fmt.Errorf("store: scan image: %w", err)
		}
		list[idx[id]].Images = append(list[idx[id]].Images, im)
	}
	rows.Close()
	tags, err := s.tagsFor(ctx, in)
	if err != nil {
		return err
	}
	for _, t := range tags {
		list[idx[t.ArticleID]].Tags = append(list[idx[t.ArticleID]].Tags, t)
	}
	return s.fillTranslations(ctx, in, list, idx)
}

// boolInt is the stored form of a flag (portable: INTEGER 0 or 1).
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
