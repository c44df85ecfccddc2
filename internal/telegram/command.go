package telegram

import (
	"strings"
	"unicode"
)

// Command is a bot command as a user typed it: "/follow@bot Dunkerque".
type Command struct {
	Name string // lower case, without "/" and "@bot"
	Args string // the rest, trimmed
}

// ParseCommand reads a command from a message text. It returns ok=false for
// text that is no command, and for commands addressed to another bot
// ("/follow@otherbot" in a group).
func ParseCommand(text, botUsername string) (Command, bool) {
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	if !strings.HasPrefix(text, "/") {
		return Command{}, false
	}
	word, args, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		word, args = word[:i], word[i+1:]+" "+args
	}
	name, to, addressed := strings.Cut(word, "@")
	if addressed && !strings.EqualFold(to, botUsername) {
		return Command{}, false
	}
	if name == "" || len(name) > 32 {
		return Command{}, false
	}
	for _, r := range name {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')) {
			return Command{}, false
		}
	}
	return Command{Name: strings.ToLower(name), Args: strings.TrimSpace(args)}, true
}
