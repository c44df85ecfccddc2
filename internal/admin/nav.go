package admin

import "strings"

// navEntry is a console page in the navigation: its path, its label (the
// message admin.<Key>) and the role it needs. To add a page: an entry here,
// its route in internal/server/routes.go with the same role (h.Editor or
// h.Admin), and a template in pageNames.
type navEntry struct {
	Path string
	Key  string
	Role Role
}

// nav is the console's navigation, in order.
var nav = []navEntry{
	{"/admin/", "nav_home", Editor},
	{"/admin/articles", "nav_articles", Editor},
	{"/admin/digests", "ops.nav_digests", Editor},
	{"/admin/sources", "ops.nav_sources", Admin},
	{"/admin/subscribers", "ops.nav_subscribers", Admin},
	{"/admin/accounts", "nav_accounts", Admin},
	{"/admin/audit", "nav_audit", Admin},
}

type navLink struct {
	Href, Label string
	Current     bool
}

// navFor is the navigation an account with role sees on the page at path.
func navFor(role Role, path, lang string) []navLink {
	var out []navLink
	for _, e := range nav {
		if !role.may(e.Role) {
			continue
		}
		cur := path == e.Path || (e.Path != "/admin/" && strings.HasPrefix(path, e.Path+"/"))
		out = append(out, navLink{Href: e.Path, Label: label(lang, e.Key), Current: cur})
	}
	return out
}
