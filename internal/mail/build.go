package mail

import (
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"unicode"

	gomail "github.com/wneessen/go-mail"
)

// Build turns a Message into a go-mail message: multipart/alternative with a
// text and an HTML part, UTF-8, quoted-printable. Every header value is
// cleaned of control characters first, so no field can add a header line.
func Build(m Message) (*gomail.Msg, error) {
	gm := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	from, err := mail.ParseAddress(HeaderValue(m.From))
	if err != nil {
		return nil, fmt.Errorf("mail: from %q: %w", m.From, err)
	}
	gm.FromMailAddress(from)
	to, err := ParseAddress(m.To)
	if err != nil {
		return nil, err
	}
	gm.ToMailAddress(&mail.Address{Address: to})
	gm.Subject(HeaderValue(m.Subject))
	if m.MessageID != "" {
		gm.SetMessageIDWithValue(HeaderValue(m.MessageID))
	} else {
		gm.SetMessageID()
	}
	if m.Date.IsZero() {
		gm.SetDate()
	} else {
		gm.SetDateWithValue(m.Date)
	}
	if m.Language != "" {
		gm.SetGenHeader(gomail.HeaderContentLang, HeaderValue(m.Language))
	}
	keys := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// Preformatted: go-mail would fold or encode URLs; values are cleaned here.
		gm.SetGenHeaderPreformatted(gomail.Header(HeaderValue(k)), HeaderValue(m.Headers[k]))
	}
	gm.SetUserAgent("partnerfeed")
	gm.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		gm.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return gm, nil
}

// HeaderValue removes control characters (CR and LF above all) from a header
// value, replacing each run of them by one space.
func HeaderValue(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsControl(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// ParseAddress accepts a bare address ("a@b.example", no name, no control
// characters, at most 254 bytes) and returns it with the domain lower-cased.
func ParseAddress(s string) (string, error) {
	if len(s) > 254 || strings.ContainsFunc(s, unicode.IsControl) {
		return "", fmt.Errorf("mail: invalid address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != strings.TrimSpace(s) {
		return "", fmt.Errorf("mail: invalid address %q", s)
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at < 1 || !strings.Contains(a.Address[at:], ".") {
		return "", fmt.Errorf("mail: invalid address %q", s)
	}
	return a.Address[:at] + strings.ToLower(a.Address[at:]), nil
}
