package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	osuser "os/user"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/partnerfeed/partnerfeed/internal/admin"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// stdin is where `user add` and `user passwd` read a password from when it
// is not a terminal (tests replace it).
var stdin io.Reader = os.Stdin

const userUsage = `usage: partnerfeed user add NAME [--role editor|admin] [--config F]
       partnerfeed user list | remove NAME | passwd NAME   [--config F]
The password is read from standard input when it is not a terminal, else prompted.`

// runUser manages the console's accounts.
func runUser(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list" && args[0] != "remove" && args[0] != "passwd") {
		if len(args) > 0 && isHelp(args[0]) {
			// Like every command's -h: usage and flags on the stream flag
			// errors go to (Run passes its stdout there for help).
			fs, _ := newFlags("user", stderr)
			fs.String("role", "editor", "editor | admin (user add)")
			fs.Usage()
			return exitOK
		}
		fmt.Fprintln(stderr, userUsage)
		return exitUsage
	}
	sub := args[0]
	fs, path := newFlags("user "+sub, stderr)
	role := "editor"
	if sub == "add" {
		fs.StringVar(&role, "role", "editor", "editor | admin")
	}
	names, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if want := map[string]int{"add": 1, "list": 0, "remove": 1, "passwd": 1}[sub]; len(names) != want {
		fmt.Fprintln(stderr, userUsage)
		return exitUsage
	}
	r, ok := admin.ParseRole(role)
	if !ok {
		fmt.Fprintf(stderr, "partnerfeed user: unknown role %q (editor or admin)\n", role)
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	ctx := context.Background()
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "partnerfeed user:", err)
		return exitFailure
	}
	defer st.Close()
	if sub == "list" {
		return listUsers(ctx, st, stdout, stderr)
	}
	name, actor, now := names[0], cliActor(), time.Now()
	switch sub {
	case "add":
		if err = admin.CheckName(name); err == nil {
			var pw string
			if pw, err = readPassword(stderr); err == nil {
				err = admin.AddUser(ctx, st, name, r, pw, actor, now)
			}
		}
	case "passwd":
		if _, err = st.AdminUserByName(ctx, name); err == nil {
			var pw string
			if pw, err = readPassword(stderr); err == nil {
				err = admin.SetPassword(ctx, st, name, pw, actor, now)
			}
		}
	case "remove":
		err = admin.RemoveUser(ctx, st, name, actor, now)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(stderr, "partnerfeed user: no account %q\n", name)
		return exitFailure
	case errors.Is(err, store.ErrExists):
		fmt.Fprintf(stderr, "partnerfeed user: account %q exists already\n", name)
		return exitFailure
	case err != nil:
		fmt.Fprintln(stderr, "partnerfeed user:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: %s\n", map[string]string{"add": "added", "passwd": "password changed", "remove": "removed"}[sub], name)
	return exitOK
}

func listUsers(ctx context.Context, st *store.Store, stdout, stderr io.Writer) int {
	users, err := st.AdminUsers(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "partnerfeed user:", err)
		return exitFailure
	}
	for _, u := range users {
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", u.Name, u.Role, u.CreatedAt.UTC().Format(time.RFC3339))
	}
	return exitOK
}

// parseInterleaved parses flags before and after the positional arguments
// (`user add NAME --role admin`) and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// readPassword reads the new password: prompted twice without echo on a
// terminal, else the first line of standard input.
func readPassword(stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Password again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

// cliActor names who runs the command in the audit log.
func cliActor() string {
	if u, err := osuser.Current(); err == nil {
		return "cli:" + u.Username
	}
	return "cli"
}
