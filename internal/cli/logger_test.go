package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

func TestLoggerFormatAndLevel(t *testing.T) {
	var buf bytes.Buffer
	log := newLogger(config.Log{Format: "json", Level: "warn"}, &buf)
	log.Info("Hidden")
	log.Warn("Shown", "source", "krefeld-presse")
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("want one JSON record, got %q: %v", buf.String(), err)
	}
	if rec["msg"] != "Shown" || rec["source"] != "krefeld-presse" || rec["level"] != "WARN" {
		t.Errorf("record %v", rec)
	}
	buf.Reset()
	log = newLogger(config.Log{Format: "text", Level: "debug"}, &buf)
	log.Debug("Detail", "n", 1)
	if !strings.Contains(buf.String(), "level=DEBUG msg=Detail n=1") {
		t.Errorf("text record %q", buf.String())
	}
}
