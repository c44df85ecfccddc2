package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

func TestLayoutBreakageIsLogged(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	// The listing's links moved: no article links at all fails the source.
	e.in.Cfg.Sources[0].Selectors = &config.Selectors{ArticleLink: ".neue-liste a"}
	reps, err := e.in.RunAll(ctx, "krefeld", ingest.Options{})
	if err != nil || !errors.Is(reps[0].Err, ingest.ErrNoLinks) {
		t.Fatalf("no links: %+v %v", reps, err)
	}
	if !strings.Contains(e.logs.String(), `level=ERROR msg="Source yields no article links`) ||
		!strings.Contains(e.logs.String(), "source=krefeld") || !strings.Contains(e.logs.String(), "selectors.article_link") {
		t.Fatalf("logs:\n%s", e.logs.String())
	}
	// The article pages changed: every extraction fails; the run reads the source but says what to check.
	e.in.Cfg.Sources[1].Selectors = &config.Selectors{Body: ".artikeltext"}
	reps, _ = e.in.RunAll(ctx, "musterstadt", ingest.Options{})
	if reps[0].Err != nil || reps[0].Failed != 8 {
		t.Fatalf("extraction failures: %+v", reps[0])
	}
	if !strings.Contains(e.logs.String(), `level=ERROR msg="Most articles of the source fail extraction`) ||
		!strings.Contains(e.logs.String(), "source=musterstadt") {
		t.Fatalf("logs:\n%s", e.logs.String())
	}
}
