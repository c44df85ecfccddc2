package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Newlines in header-bound fields (site title, partner name, digest name)
// cannot add header lines, and hostile HTML in an article stays text.
func TestHeaderInjectionAndHostileHTML(t *testing.T) {
	e := newEnv(t, func(c *config.Config) {
		c.Site.Title = "Krefeld\r\nBcc: evil@attacker.example"
		c.Partners[0].Names["fr"] = "Dunkerque\nX-Injected: yes"
		c.Email.Digests[0].Name = "office\r\nCc: evil@attacker.example"
	})
	e.Start(false, 0)
	hostile := store.Article{Source: "test", URL: "javascript:alert(1)", PublishedAt: time.Now().Add(-time.Hour),
		Title: `<script>alert("t")</script><b onmouseover=alert(1)>x</b>`,
		Lead:  `"><img src=x onerror=alert(2)><a href="javascript:alert(3)">y</a>`,
		Images: []store.Image{{URL: `javascript:alert(4)`, Caption: `"><svg onload=alert(5)>`},
			{URL: `https://city.example/a.jpg" onerror="alert(6)`, Caption: "c"}}}
	if _, err := e.Store.UpsertArticle(e.Ctx, &hostile); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.ReplaceTags(e.Ctx, hostile.ID, []store.Tag{{Partner: "duenkirchen", Score: 1}}); err != nil {
		t.Fatal(err)
	}
	name := e.Cfg.Email.Digests[0].Name
	if err := e.Service.Seed(e.Ctx); err != nil {
		t.Fatal(err)
	}
	e.Run(digest.SendArgs{Recipients: []string{store.DigestRecipient(name)}, Slot: time.Now().Add(time.Hour).UnixMilli()})
	msgs := e.Mailpit.WaitMessages(1)
	h := e.Mailpit.Headers(msgs[0].ID)
	for _, bad := range []string{"Bcc", "Cc", "X-Injected"} {
		if v, ok := h[bad]; ok {
			t.Errorf("injected header %s: %q", bad, v)
		}
	}
	m := e.Mailpit.Message(msgs[0].ID)
	if len(m.To) != 1 || m.To[0].Address != "jumelage@dunkerque.example" {
		t.Errorf("recipients changed: %+v", m.To)
	}
	if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Bcc: evil") {
		t.Errorf("subject %q: want the text kept on one line", m.Subject)
	}
	for _, bad := range []string{"<script", "<b onmouseover", "<img src=x", "<svg", `href="javascript:`, `src="javascript:`, `onerror="alert(6)`} {
		if strings.Contains(m.HTML, bad) {
			t.Errorf("HTML part holds %q:\n%s", bad, m.HTML)
		}
	}
	if !strings.Contains(m.HTML, "&lt;script&gt;") {
		t.Errorf("title not escaped:\n%s", m.HTML)
	}
}

// The permanent failure of TestPermanentFailureRecorded is visible as a metric.
func TestPermanentFailureMetric(t *testing.T) {
	TestPermanentFailureRecorded(t)
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "partnerfeed_digest_messages_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["kind"] == "digest" && labels["result"] == "permanent_failure" && m.GetCounter().GetValue() >= 1 {
				return
			}
		}
	}
	t.Error("no permanent_failure in partnerfeed_digest_messages_total")
}
