package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// SendWorker works SendArgs jobs.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	Bot *Bot
}

// Timeout: a batch takes as long as the limits make it take.
func (w *SendWorker) Timeout(*river.Job[SendArgs]) time.Duration { return -1 }

// Work sends the article to the batch.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	return w.Bot.sendBatch(ctx, job.Args, jobs.Replica(job.JobRow))
}

// recipient is a claimed ledger row with what sending needs.
type recipient struct {
	row   store.Delivery
	chat  int64  // 0 for a channel
	name  string // "@channel"
	lang  string
	group bool
}

// sendBatch sends an article to the pending rows of a batch. Each row is
// claimed (sending) right before its message goes out and completed after;
// at most set.concurrency rows are in sending at any time in the process.
func (b *Bot) sendBatch(ctx context.Context, args SendArgs, replica string) error {
	a, err := b.store.Article(ctx, args.ArticleID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // deleted: its ledger rows went with it
	}
	if err != nil {
		return err
	}
	if !a.HiddenAt.IsZero() {
		// Withdrawn: rows released to pending after the hide (a crashed
		// sender's) go to nobody either.
		return b.store.SkipArticleDeliveries(ctx, a.ID, Channel, "article withdrawn")
	}
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Partner)
	}
	langs, err := b.batchLanguages(ctx, args)
	if err != nil {
		return err
	}
	r := &batchRun{b: b, article: a, partners: b.partners(tags), rendered: map[string]Rendered{},
		done: make(chan store.DeliveryOutcome, cap(b.sem))}
	committed := make(chan error, 1)
	go func() { committed <- r.commit(ctx) }()
	var wg sync.WaitGroup
	var claimErr error
	for {
		n, err := b.acquire(ctx)
		if err != nil {
			claimErr = err
			break
		}
		rows, err := b.store.ClaimDeliveries(ctx, a.ID, Channel, args.FromID, args.ToID, n, replica)
		b.release(n - len(rows)) // a claimed row's slot is freed once its outcome is stored
		if err == nil && len(rows) > 0 {
			var recs []recipient
			recs, err = b.recipients(rows, langs)
			if err != nil {
				for _, row := range rows { // back to pending
					r.done <- later(store.DeliveryOutcome{ID: row.ID, Attempt: row.Attempts}, err)
				}
				recs = nil
			}
			for _, rec := range recs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r.done <- r.deliver(ctx, rec)
				}()
			}
		}
		if err != nil || len(rows) == 0 {
			claimErr = err
			break
		}
	}
	wg.Wait()
	close(r.done)
	if err := <-committed; err != nil {
		return err
	}
	if claimErr != nil {
		return fmt.Errorf("telegram: send batch: %w", claimErr)
	}
	if r.later > 0 {
		return fmt.Errorf("telegram: %d messages of article %d will be retried", r.later, a.ID)
	}
	return nil
}

// acquire takes at least one send slot (waiting for it) and more as they
// free up within claimGather, up to a quarter of all slots: a claim of
// several rows costs the database about as much as a claim of one.
func (b *Bot) acquire(ctx context.Context) (int, error) {
	select {
	case b.sem <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	n, want := 1, max(cap(b.sem)/4, 1)
	gather := time.NewTimer(claimGather)
	defer gather.Stop()
	for n < cap(b.sem) {
		select {
		case b.sem <- struct{}{}:
			n++
			continue
		default:
		}
		if n >= want {
			return n, nil
		}
		select {
		case b.sem <- struct{}{}:
			n++
		case <-gather.C:
			return n, nil
		case <-ctx.Done():
			return n, nil
		}
	}
	return n, nil
}

// claimGather is how long acquire waits for more free slots.
const claimGather = 2 * time.Millisecond

func (b *Bot) release(n int) {
	for range n {
		<-b.sem
	}
}

// batchLanguages returns the language of every chat in a batch, by recipient.
func (b *Bot) batchLanguages(ctx context.Context, args SendArgs) (map[string]string, error) {
	recipients, err := b.store.DeliveryRecipients(ctx, args.ArticleID, Channel, args.FromID, args.ToID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, r := range recipients {
		if id, err := strconv.ParseInt(r, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	chats, err := b.store.TelegramChatsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	langs := make(map[string]string, len(chats))
	for id, c := range chats {
		langs[strconv.FormatInt(id, 10)] = i18n.Pick(c.Language, b.cfg.Site.Language)
	}
	return langs, nil
}

// recipients adds chat details to claimed rows.
func (b *Bot) recipients(rows []store.Delivery, langs map[string]string) ([]recipient, error) {
	out := make([]recipient, len(rows))
	for i, row := range rows {
		out[i] = recipient{row: row, lang: langs[row.Recipient], group: true}
		if out[i].lang == "" {
			out[i].lang = i18n.Pick(b.cfg.Site.Language, "")
		}
		if strings.HasPrefix(row.Recipient, "@") {
			out[i].name = row.Recipient
			continue
		}
		id, err := strconv.ParseInt(row.Recipient, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("telegram: bad recipient %q", row.Recipient)
		}
		out[i].chat, out[i].group = id, id < 0
	}
	return out, nil
}

// batchRun is one sendBatch in progress.
type batchRun struct {
	b        *Bot
	article  store.Article
	partners []config.Partner
	mu       sync.Mutex
	rendered map[string]Rendered // by language
	done     chan store.DeliveryOutcome
	later    int
}

// commit stores outcomes in small groups and frees a send slot per outcome
// once it is stored, so rows in sending never exceed the slots.
func (r *batchRun) commit(ctx context.Context) error {
	var pending []store.DeliveryOutcome
	var firstErr error
	flush := func() {
		if len(pending) == 0 {
			return
		}
		// A cancelled job context must not lose outcomes of messages already sent.
		err := r.b.store.FinishDeliveries(context.WithoutCancel(ctx), pending)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		r.b.release(len(pending))
		pending = pending[:0]
	}
	for o := range r.done {
		pending = append(pending, o)
		if o.Status == store.DeliveryPending {
			r.later++
		}
		// Gather a few more (waiting at most a millisecond) to store them in
		// one transaction: fewer, larger transactions keep the database free.
		gather := time.NewTimer(time.Millisecond)
	drain:
		for len(pending) < max(cap(r.b.sem)/2, 1) {
			select {
			case o, ok := <-r.done:
				if !ok {
					break drain
				}
				pending = append(pending, o)
				if o.Status == store.DeliveryPending {
					r.later++
				}
			case <-gather.C:
				break drain
			}
		}
		gather.Stop()
		flush()
	}
	flush()
	return firstErr
}

// render returns the article for a language, rendered once per batch.
func (r *batchRun) render(lang string) Rendered {
	r.mu.Lock()
	defer r.mu.Unlock()
	out, ok := r.rendered[lang]
	if !ok {
		out = RenderArticle(r.article, r.partners, lang, r.b.cfg.Location)
		r.rendered[lang] = out
	}
	return out
}
