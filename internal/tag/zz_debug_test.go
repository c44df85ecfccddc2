package tag

import (
	"os"
	"testing"
)

func TestDebugExplain(t *testing.T) {
	id := os.Getenv("EXPLAIN_ID")
	if id == "" {
		t.Skip()
	}
	tg := New(krefeldPartners(t))
	for _, part := range []string{"dev"} {
		for _, e := range loadCorpus(t, "testdata/corpus/"+part+".txt") {
			if e.id == id {
				d := ParseText(e.text)
				t.Logf("%+v", d)
				WriteExplain(os.Stderr, tg.Explain(d))
			}
		}
	}
}
