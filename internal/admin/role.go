package admin

// Role is what an account may do in the console.
type Role string

// The roles: editors work on articles; admins also on sources,
// subscribers, accounts and the audit log.
const (
	Editor Role = "editor"
	Admin  Role = "admin"
)

// ParseRole reads a role name; ok is false for anything else.
func ParseRole(s string) (r Role, ok bool) {
	switch Role(s) {
	case Editor, Admin:
		return Role(s), true
	}
	return "", false
}

// may reports whether an account with role r may do what needs role need.
func (r Role) may(need Role) bool { return r == Admin || r == need }
