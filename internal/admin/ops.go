package admin

import (
	"strings"
	"sync"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// The operators' pages (sources, subscribers, deliveries, digests, outages)
// keep their texts in the message area "ops" (locales/ops.<lang>.toml).

// opsState is what the operators' pages build once: the digest service
// previews are sent with.
type opsState struct {
	once    sync.Once
	digests *digest.Service
}

// O translates an operators' message key (ops.<key>) into the page's language.
func (v view) O(key string, args ...any) string { return i18n.T(v.Lang, "ops."+key, args...) }

// ON is O for a count: the message's plural form for n, with n and then
// args filled in.
func (v view) ON(key string, n int, args ...any) string {
	return i18n.N(v.Lang, "ops."+key, n, append([]any{n}, args...)...)
}

// label is the message of a navigation entry or page title: key names a
// console message (admin.<key>), an operators' one when it has the area
// ("ops.nav_sources"), and an operators' page title is found under ops.
func label(lang, key string) string {
	switch {
	case strings.Contains(key, "."):
		return i18n.T(lang, key)
	case !i18n.Has("admin."+key) && i18n.Has("ops."+key):
		return i18n.T(lang, "ops."+key)
	}
	return t(lang, key)
}

// iso is t for a <time datetime> attribute.
func iso(t time.Time) string { return t.UTC().Format(time.RFC3339) }
