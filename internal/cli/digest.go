package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/mail"
)

// runDigest prints (--dry-run) or sends to one address (--to) what the
// configured digest NAME's next issue would hold now; it marks nothing sent.
func runDigest(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("digest", stderr)
	name := fs.String("name", "", "configured digest (email.digests[].name)")
	dry := fs.Bool("dry-run", false, "print the rendered message instead of sending")
	to := fs.String("to", "", "send the next issue, as of now, to this address only")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *name == "" || fs.NArg() > 0 || (!*dry && *to == "") {
		fmt.Fprintln(stderr, "partnerfeed digest: --name NAME and --dry-run or --to ADDR are required")
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	if cfg.Email == nil {
		fmt.Fprintln(stderr, "partnerfeed digest: email is not configured")
		return exitUsage
	}
	var names []string
	for _, d := range cfg.Email.Digests {
		names = append(names, d.Name)
	}
	if !slices.Contains(names, *name) {
		fmt.Fprintln(stderr, "partnerfeed digest:", noSuch("digest", *name, names))
		return exitUsage
	}
	ctx := context.Background()
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer st.Close()
	svc, err := digest.New(cfg, st, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	addr := ""
	if *to != "" {
		if addr, err = mail.ParseAddress(*to); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	}
	msg, n, err := svc.PreviewMessage(ctx, *name, addr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if *dry {
		return printMessage(msg, stdout, stderr)
	}
	msg.MessageID = "" // a preview is not the issue: it gets its own Message-ID
	res := svc.Mailer.Send(ctx, []mail.Message{msg})[0]
	if res.Err != nil {
		fmt.Fprintln(stderr, res.Err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "sent %s (%d articles) to %s\n", *name, n, addr)
	return exitOK
}

func printMessage(m mail.Message, stdout, stderr io.Writer) int {
	gm, err := mail.Build(m)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if _, err := gm.WriteTo(stdout); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}
