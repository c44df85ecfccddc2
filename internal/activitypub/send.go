package activitypub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// SendArgs is the job that delivers one article's pending ledger rows with
// ids in [FromID, ToID]: each row one activity (Create, Update or Delete)
// by one actor to one inbox.
type SendArgs struct {
	ArticleID int64 `json:"article_id"`
	FromID    int64 `json:"from_id"`
	ToID      int64 `json:"to_id"`
}

// Kind is the River job kind.
func (SendArgs) Kind() string { return "fedi_send" }

// InsertOpts puts the job on the Fediverse queue.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: maxAttempts}
}

// A ledger row's recipient is "<kind> <actor> <inbox>": kind is create,
// update-<revision> or delete.
func recipient(kind, actor, inbox string) string { return kind + " " + actor + " " + inbox }

func parseRecipient(r string) (kind, actor, inbox string, ok bool) {
	kind, rest, ok1 := strings.Cut(r, " ")
	actor, inbox, ok2 := strings.Cut(rest, " ")
	return kind, actor, inbox, ok1 && ok2
}

type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	s *Service
}

// NextRetry backs off up to maxBackoff.
func (w *sendWorker) NextRetry(job *river.Job[SendArgs]) time.Time { return backoff(job.Attempt) }

// Work claims the job's pending rows a batch at a time (a crash leaves
// exactly the claimed rows in sending: at most those are sent twice),
// delivers them concurrently and records each outcome. Rows that failed
// for now go back to pending and the job is retried later; after
// GiveUpAfter they fail for good (the followers stay).
func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	s := w.s
	a, err := s.store.Article(ctx, job.Args.ArticleID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	giveUp := time.Since(job.CreatedAt) > s.GiveUpAfter
	retry := 0
	for from := job.Args.FromID; from <= job.Args.ToID; {
		rows, err := s.store.ClaimDeliveries(ctx, a.ID, Channel, from, job.Args.ToID, s.Concurrency, jobs.Replica(job.JobRow))
		if err != nil || len(rows) == 0 {
			if err == nil && retry > 0 {
				err = fmt.Errorf("activitypub: article %d: %d deliveries to retry", a.ID, retry)
			}
			return err
		}
		from = rows[len(rows)-1].ID + 1
		outcomes := s.deliverRows(ctx, a, rows, giveUp)
		for _, o := range outcomes {
			if o.Status == store.DeliveryPending {
				retry++
			}
		}
		if err := s.store.FinishDeliveries(context.WithoutCancel(ctx), outcomes); err != nil {
			return err
		}
	}
	if retry > 0 {
		return fmt.Errorf("activitypub: article %d: %d deliveries to retry", a.ID, retry)
	}
	return nil
}

// deliverRows sends the claimed rows, Concurrency at once, and returns
// their outcomes.
func (s *Service) deliverRows(ctx context.Context, a store.Article, rows []store.Delivery, giveUp bool) []store.DeliveryOutcome {
	out := make([]store.DeliveryOutcome, len(rows))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(s.Concurrency, len(rows)) {
		wg.Go(func() {
			for i := range work {
				out[i] = s.deliverRow(ctx, a, rows[i], giveUp)
			}
		})
	}
	for i := range rows {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

// deliverRow sends one row's activity and says what became of it.
func (s *Service) deliverRow(ctx context.Context, a store.Article, d store.Delivery, giveUp bool) store.DeliveryOutcome {
	o := store.DeliveryOutcome{ID: d.ID, Attempt: d.Attempts, Status: store.DeliverySent}
	kind, actor, inbox, ok := parseRecipient(d.Recipient)
	if !ok {
		o.Status, o.Error = store.DeliveryFailed, "bad ledger recipient"
		return o
	}
	if !a.HiddenAt.IsZero() && kind != "delete" {
		o.Status, o.Error = store.DeliverySkipped, "article hidden"
		return o
	}
	body, err := json.Marshal(s.articleActivity(kind, actor, a))
	if err == nil {
		err = s.post(ctx, actor, inbox, body)
	}
	switch {
	case err == nil:
	case errors.Is(err, errPermanent):
		o.Status, o.Error = store.DeliveryFailed, err.Error()
	case giveUp:
		o.Status, o.Error = store.DeliveryFailed, "gave up: "+err.Error()
		s.log.Warn("Fediverse delivery given up", slog.String("inbox", inbox), slog.Any("error", err))
	default:
		o.Status, o.Error = store.DeliveryPending, err.Error()
	}
	return o
}

// articleActivity is the activity a ledger row of kind sends.
func (s *Service) articleActivity(kind, actor string, a store.Article) map[string]any {
	id := s.noteURL(actor, a.ID)
	switch {
	case kind == "delete":
		return s.activity(actor, "Delete", id+"#delete", map[string]any{"id": id, "type": "Tombstone"})
	case strings.HasPrefix(kind, "update-"):
		n := s.note(actor, a)
		n["updated"] = stamp(a.UpdatedAt)
		return s.activity(actor, "Update", id+"#"+kind, n)
	default:
		return s.activity(actor, "Create", id+"#create", s.note(actor, a))
	}
}

// enqueue inserts, in tx, send jobs covering the given rows (ascending ids)
// of an article, Batch rows per job.
func enqueue(ctx context.Context, q *jobs.Inserter, tx *store.Store, articleID int64, ids []int64, batch int) error {
	var params []river.InsertManyParams
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids)) - 1
		params = append(params, river.InsertManyParams{Args: SendArgs{ArticleID: articleID, FromID: ids[start], ToID: ids[end]}})
	}
	if len(params) == 0 {
		return nil
	}
	if _, err := q.InsertManyTx(ctx, tx.Tx, params); err != nil {
		return fmt.Errorf("activitypub: enqueue sends of article %d: %w", articleID, err)
	}
	return nil
}

// enqueuePending inserts, in tx, send jobs for every pending row of an article.
func enqueuePending(ctx context.Context, q *jobs.Inserter, tx *store.Store, articleID int64, batch int) error {
	ids, err := tx.PendingDeliveryIDs(ctx, articleID, Channel)
	if err != nil {
		return err
	}
	return enqueue(ctx, q, tx, articleID, ids, batch)
}
