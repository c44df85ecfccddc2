package testutil

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// ResponseText sends req as it is (no transparent gzip, no redirects
// followed, a connection of its own) and returns the response as text to
// compare: status, the headers but Date sorted, and the body.
func ResponseText(t testing.TB, req *http.Request) string {
	t.Helper()
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for k, v := range resp.Header {
		if k != "Date" {
			lines = append(lines, k+": "+strings.Join(v, " | "))
		}
	}
	slices.Sort(lines)
	return resp.Status + "\n" + strings.Join(lines, "\n") + "\n\n" + string(b)
}
