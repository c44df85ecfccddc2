package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// dominoSuffix matches HCL Domino's view-state suffixes ("&s94=11", "&c12=2147483647")
// that such sites append to paths without a "?".
var dominoSuffix = regexp.MustCompile(`&[sc]\d+=[^&/?#]*`)

var dominoParam = regexp.MustCompile(`^[sc]\d+$`)

// trackingParams are query parameters that never change what a page shows.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true, "wt_mc": true, "wt.mc_id": true,
	"ref_src": true, "cmpid": true, "sessionid": true, "phpsessid": true, "jsessionid": true,
}

// CanonicalURL resolves href against base and normalizes it so that every
// way of linking one article gives the same key: lower-case scheme and host,
// no "www." prefix, no default port, no fragment, no Domino "&sNN=" suffixes,
// no tracking parameters (utm_*, fbclid, …); other parameters keep their order.
func CanonicalURL(base *url.URL, href string) (string, error) {
	ref, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return "", fmt.Errorf("extract: bad URL %q: %w", href, err)
	}
	u := ref
	if base != nil {
		u = base.ResolveReference(ref)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("extract: not a web URL: %q", href)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.Fragment, u.RawFragment, u.User = "", "", nil
	u.Path = dominoSuffix.ReplaceAllString(u.Path, "")
	u.RawPath = ""
	if u.Path == "" {
		u.Path = "/"
	}
	var keep []string
	for _, part := range strings.Split(u.RawQuery, "&") {
		k, _, _ := strings.Cut(part, "=")
		k, _ = url.QueryUnescape(k)
		lk := strings.ToLower(k)
		if part == "" || trackingParams[lk] || strings.HasPrefix(lk, "utm_") || strings.HasPrefix(lk, "pk_") || dominoParam.MatchString(lk) {
			continue
		}
		keep = append(keep, part)
	}
	u.RawQuery = strings.Join(keep, "&")
	u.ForceQuery = false
	return u.String(), nil
}

// SameSite reports whether two hosts are one site (equal up to "www.").
func SameSite(a, b string) bool {
	return strings.TrimPrefix(strings.ToLower(a), "www.") == strings.TrimPrefix(strings.ToLower(b), "www.")
}
