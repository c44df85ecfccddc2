package ingest

import (
	"log/slog"
	"net/url"

	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// mayFetch reports whether a feed item's link may be fetched for its full
// text: only on the source's own host, its mirror_hosts and its
// allowed_hosts. A feed linking elsewhere (an internal address, say) must
// not make the service fetch and store that.
func (r *run) mayFetch(link string) bool {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	if r.site.owns(u.Host) {
		return true
	}
	for _, h := range r.src.AllowedHosts {
		if sameHost(h, u.Host) {
			return true
		}
	}
	r.log.Info("Feed item links beyond the source's hosts; its page is not fetched",
		slog.String("url", link), slog.String("hint", "list the host in sources[].allowed_hosts to fetch it"))
	return false
}

// sameHost compares two hosts as article keys spell them (case, "www.").
func sameHost(a, b string) bool {
	ka, errA := extract.CanonicalURL(nil, "http://"+a+"/")
	kb, errB := extract.CanonicalURL(nil, "http://"+b+"/")
	return errA == nil && errB == nil && ka == kb
}
