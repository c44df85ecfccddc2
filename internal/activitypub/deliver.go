package activitypub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/riverqueue/river"
)

// Queue is the River queue of the Fediverse's delivery jobs.
const Queue = "fediverse"

// maxAttempts is River's limit per delivery job; retries back off up to
// maxBackoff, so the jobs keep trying for days (see GiveUpAfter).
const (
	maxAttempts = 200
	maxBackoff  = 2 * time.Hour
)

// errPermanent marks a delivery the receiving server refused for good (a
// 4xx other than 408 and 429): it is not retried.
var errPermanent = errors.New("activitypub: refused by the receiving server")

// backoff is the wait before a delivery job's next attempt.
func backoff(attempt int) time.Time {
	d := 30 * time.Second << min(attempt, 12)
	return time.Now().Add(min(d, maxBackoff))
}

// post signs body as actor and POSTs it to inbox, after the inbox host's
// rate limit allows it.
func (s *Service) post(ctx context.Context, actor, inbox string, body []byte) error {
	u, err := url.Parse(inbox)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%w: bad inbox %q", errPermanent, inbox)
	}
	if s.cfg.ActivityPub.Blocked(u.Hostname()) {
		return fmt.Errorf("%w: %s is a blocked domain", errPermanent, u.Hostname())
	}
	k, err := s.key(ctx, actor)
	if err != nil {
		return err
	}
	if err := s.limiter(u.Host).Wait(ctx); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, inbox, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	req.Header.Set("Content-Type", `application/activity+json`)
	req.Header.Set("User-Agent", s.userAgent())
	if err := Sign(req, body, k.private, s.keyID(actor)); err != nil {
		return err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("activitypub: deliver to %s: %w", inbox, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests &&
		resp.StatusCode != http.StatusRequestTimeout:
		return fmt.Errorf("%w: %s answered %s", errPermanent, inbox, resp.Status)
	default:
		return fmt.Errorf("activitypub: deliver to %s: %s", inbox, resp.Status)
	}
}

// userAgent names the service in every request.
func (s *Service) userAgent() string {
	if ua := s.cfg.Fetch.UserAgent; ua != "" {
		return ua
	}
	return "partnerfeed (+" + s.base + "/)"
}

// AcceptArgs is the job that sends the Accept of a Follow.
type AcceptArgs struct {
	Actor  string          `json:"actor"`
	Inbox  string          `json:"inbox"`
	Follow json.RawMessage `json:"follow"`
}

// Kind is the River job kind.
func (AcceptArgs) Kind() string { return "fedi_accept" }

// InsertOpts puts the job on the Fediverse queue.
func (AcceptArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: maxAttempts}
}

type acceptWorker struct {
	river.WorkerDefaults[AcceptArgs]
	s *Service
}

// NextRetry backs off up to maxBackoff.
func (w *acceptWorker) NextRetry(job *river.Job[AcceptArgs]) time.Time { return backoff(job.Attempt) }

// Work sends the Accept; after GiveUpAfter it gives up (the follow stays).
func (w *acceptWorker) Work(ctx context.Context, job *river.Job[AcceptArgs]) error {
	var follow any
	if err := json.Unmarshal(job.Args.Follow, &follow); err != nil {
		return river.JobCancel(fmt.Errorf("activitypub: accept: %w", err))
	}
	id := w.s.actorURL(job.Args.Actor) + fmt.Sprintf("#accepts/%d", job.ID)
	act := w.s.activity(job.Args.Actor, "Accept", id, follow)
	delete(act, "to")
	delete(act, "cc")
	body, _ := json.Marshal(act)
	err := w.s.post(ctx, job.Args.Actor, job.Args.Inbox, body)
	if errors.Is(err, errPermanent) || (err != nil && time.Since(job.CreatedAt) > w.s.GiveUpAfter) {
		w.s.log.Warn("Accept not delivered, giving up", slog.String("inbox", job.Args.Inbox), slog.Any("error", err))
		return nil
	}
	return err
}
