package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Pinger tells a WebSub hub that topics (feed URLs) have new content, so that
// the hub fetches them and pushes them to its subscribers.
type Pinger struct {
	Hub    string
	Client *http.Client
}

// Publish sends one publish ping per topic and returns every failure.
func (p Pinger) Publish(ctx context.Context, topics ...string) error {
	var errs []error
	for _, t := range topics {
		if err := p.ping(ctx, t); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (p Pinger) ping(ctx context.Context, topic string) error {
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {topic}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.Hub, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("feed: websub ping %s: %w", topic, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := p.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("feed: websub ping %s: %w", topic, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("feed: websub ping %s: hub answered %s", topic, resp.Status)
	}
	return nil
}
