package extract

import (
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("PAGE"))
	a, err := Extract("http://127.0.0.1:1/news/x/", b, Options{LeftOut: true})
	t.Logf("%v\n%s\n---\n%s\ncontact %q boilerplate %d", err, a.BodyHTML, a.LeftOut, a.Contact, a.Boilerplate)
}
