package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"
)

// LeaseTTL is how long a pass's hold on its source (store.TakeSourceLease)
// lasts unless renewed; a running pass renews it every LeaseTTL/3. A killed
// process's pass keeps its source from other passes that long at most.
const LeaseTTL = 15 * time.Second

// ErrBusy is the error (see BusyError) of a pass that did not run because
// another pass of the same source runs, in this or another process or replica.
var ErrBusy = errors.New("ingest: another ingest of the source is running")

// BusyError says which source is busy and until when its lease runs (unless
// its holder renews it).
type BusyError struct {
	Source string
	Until  time.Time
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("ingest: %s: another ingest of this source is running (its lease runs until %s)",
		e.Source, e.Until.Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrBusy) hold.
func (e *BusyError) Is(target error) bool { return target == ErrBusy }

// errLeaseLost ends a pass whose lease another pass took over (it could not
// renew it in time): it stops rather than run beside the other.
var errLeaseLost = errors.New("ingest: the source's lease was lost")

// hold takes the source's lease for one pass and keeps renewing it until
// release. The returned context ends when the lease is lost. With wait, it
// waits for a busy source (until ctx ends); else it returns a *BusyError.
func (in *Ingester) hold(ctx context.Context, source string, wait bool) (context.Context, func(), error) {
	holder := leaseHolder()
	for {
		ok, until, err := in.Store.TakeSourceLease(ctx, source, holder, LeaseTTL)
		if err != nil {
			return ctx, nil, err
		}
		if ok {
			break
		}
		busy := &BusyError{Source: source, Until: until}
		if !wait {
			return ctx, nil, busy
		}
		in.Log.Info("Waiting for the running ingest of the source", slog.String("source", source),
			slog.Time("lease_until", until))
		select {
		case <-ctx.Done():
			return ctx, nil, fmt.Errorf("%w: %w", busy, ctx.Err())
		case <-time.After(min(time.Until(until)+10*time.Millisecond, time.Second)):
		}
	}
	run, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(LeaseTTL / 3)
		defer t.Stop()
		for {
			select {
			case <-run.Done():
				return
			case <-t.C:
			}
			ok, err := in.Store.RenewSourceLease(run, source, holder, LeaseTTL)
			if err != nil && run.Err() == nil {
				in.Log.Warn("Renewing the source's lease failed", slog.String("source", source), slog.Any("error", err))
				continue // the next tick tries again, within the lease
			}
			if !ok && run.Err() == nil {
				in.Log.Error("Source lease lost: stopping this ingest", slog.String("source", source))
				cancel(errLeaseLost)
				return
			}
		}
	}()
	release := func() {
		cancel(nil)
		<-done
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer rcancel()
		if err := in.Store.ReleaseSourceLease(rctx, source, holder); err != nil {
			in.Log.Warn("Releasing the source's lease failed", slog.String("source", source), slog.Any("error", err))
		}
	}
	return run, release, nil
}

// leaseHolder names one pass: the process and a random part.
func leaseHolder() string {
	b := make([]byte, 6)
	rand.Read(b)
	return fmt.Sprintf("%d-%s", os.Getpid(), hex.EncodeToString(b))
}
