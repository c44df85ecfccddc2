package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

var (
	xmlDecl     = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset`)
)

// ToUTF8 decodes a document read from elsewhere than Get (a file) the way Get
// decodes bodies; contentType may be empty.
func ToUTF8(body []byte, contentType string) ([]byte, error) {
	out, _, err := toUTF8(body, contentType)
	return out, err
}

// toUTF8 decodes body to UTF-8. The charset comes from, in order: a BOM or the
// Content-Type header, an XML declaration, an HTML <meta>; an undeclared body
// that is valid UTF-8 is taken as is, anything else as windows-1252 (which
// also covers ISO-8859-1). An XML declaration is rewritten to say UTF-8 so
// that feed parsers do not decode twice.
func toUTF8(body []byte, contentType string) ([]byte, string, error) {
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	enc, name := declared(head, contentType)
	if enc == nil {
		if utf8.Valid(body) {
			return body, "utf-8", nil
		}
		enc, name = charmap.Windows1252, "windows-1252"
	}
	out := bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if name == "utf-8" && !utf8.Valid(out) {
		// Declared UTF-8 with broken bytes: keep the text, mark what is lost.
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	if name != "utf-8" {
		var err error
		if out, err = enc.NewDecoder().Bytes(body); err != nil {
			return nil, name, fmt.Errorf("fetch: decode %s: %w", name, err)
		}
	}
	if m := xmlDecl.FindSubmatchIndex(out); m != nil {
		out = append(append(append([]byte{}, out[:m[2]]...), "UTF-8"...), out[m[3]:]...)
	}
	return out, name, nil
}

// declared returns the encoding a document declares, or nil.
func declared(head []byte, contentType string) (encoding.Encoding, string) {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		if e, name := charset.Lookup(params["charset"]); e != nil {
			return e, name
		}
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		return encoding.Nop, "utf-8"
	}
	if m := xmlDecl.FindSubmatch(head); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil {
			return e, name
		}
	}
	if metaCharset.Match(head) {
		if e, name, _ := charset.DetermineEncoding(head, ""); e != nil {
			return e, name
		}
	}
	return nil, ""
}
