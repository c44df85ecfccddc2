package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
)

func msg(to string) mail.Message {
	return mail.Message{From: "Stadt <presse@city.example>", To: to, Subject: "Grüße – test",
		Text: "Hallo", HTML: "<p>Hallo</p>", MessageID: "m." + to}
}

// One batch, one result per message: a bad address fails alone, permanently.
func TestSendBatch(t *testing.T) {
	mp := mailpittest.Start(t)
	s, err := mail.New(config.SMTP{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	res := s.Send(context.Background(), []mail.Message{msg("a@example.org"), msg("not an address"), msg("b@example.org")})
	if res[0].Err != nil || res[2].Err != nil || res[1].Err == nil || res[1].Temporary || res[1].Bounce {
		t.Fatalf("results %+v", res)
	}
	if n := len(mp.Messages()); n != 2 {
		t.Errorf("%d messages delivered, want 2", n)
	}
	mp.Chaos(451)
	if res := s.Send(context.Background(), []mail.Message{msg("c@example.org")}); res[0].Err == nil || !res[0].Temporary || res[0].Bounce {
		t.Errorf("451: %+v", res[0])
	}
	mp.Chaos(550)
	if res := s.Send(context.Background(), []mail.Message{msg("c@example.org")}); res[0].Err == nil || res[0].Temporary || !res[0].Bounce {
		t.Errorf("550 to RCPT TO: %+v", res[0])
	}
	// A 5xx to MAIL FROM is the sender's problem: permanent, no bounce of the address.
	mp.Chaos(0)
	mp.ChaosOn("Sender", 550)
	if res := s.Send(context.Background(), []mail.Message{msg("c@example.org")}); res[0].Err == nil || res[0].Temporary || res[0].Bounce {
		t.Errorf("550 to MAIL FROM: %+v", res[0])
	}
	mp.ChaosOn("Sender", 0)
	mp.Stop()
	if res := s.Send(context.Background(), []mail.Message{msg("c@example.org")}); res[0].Err == nil || !res[0].Temporary {
		t.Errorf("connection refused: %+v", res[0])
	}
}

// Mandatory STARTTLS against a server without TLS fails (temporarily): the
// policy is not silently downgraded.
func TestTLSPolicy(t *testing.T) {
	mp := mailpittest.Start(t)
	s, err := mail.New(config.SMTP{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: "starttls"})
	if err != nil {
		t.Fatal(err)
	}
	if res := s.Send(context.Background(), []mail.Message{msg("a@example.org")}); res[0].Err == nil {
		t.Error("sent without TLS under starttls")
	}
	if _, err := mail.New(config.SMTP{Host: "127.0.0.1", Port: 25, TLS: "sometimes"}); err == nil {
		t.Error("unknown tls policy accepted")
	}
}

func TestHeaderValue(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                       "plain",
		"a\r\nBcc: b@example.org":     "a Bcc: b@example.org",
		"a\x00\x1b[31mb":              "a [31mb",
		"Dünkirchen – Krefeld\u0085x": "Dünkirchen – Krefeld x",
	} {
		if got := mail.HeaderValue(in); got != want || strings.ContainsAny(got, "\r\n") {
			t.Errorf("HeaderValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"a@example.org", "a@example.org\r\nBcc: b@example.org", "Eve <e@example.org>", "", "@", "a@b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		addr, err := mail.ParseAddress(s)
		if err != nil {
			return
		}
		if strings.ContainsAny(addr, "\r\n<>,") || !strings.Contains(addr, "@") {
			t.Errorf("ParseAddress(%q) = %q", s, addr)
		}
		if mail.HeaderValue(addr) != addr {
			t.Errorf("address %q has control characters", addr)
		}
	})
}
