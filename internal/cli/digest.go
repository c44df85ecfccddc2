package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/mail"
)

// runDigest prints (--dry-run) or sends to one address (--to) what the
// configured digest NAME's next issue would hold now, or (--frequency,
// --partner, --lang) the first issue of a citizen subscribing now; it marks
// nothing sent.
func runDigest(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("digest", stderr)
	name := fs.String("name", "", "configured digest (email.digests[].name)")
	freq := fs.String("frequency", "", "or a citizen digest: a key of email.subscriber_schedules (daily, weekly)")
	partners := fs.String("partner", "", "the citizen digest's partners, comma-separated slugs")
	lang := fs.String("lang", "", "the citizen digest's language (default site.language)")
	dry := fs.Bool("dry-run", false, "print the rendered message instead of sending")
	to := fs.String("to", "", "send the next issue, as of now, to this address only")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if (*name == "") == (*freq == "") || fs.NArg() > 0 || (!*dry && *to == "") ||
		(*name != "" && (*partners != "" || *lang != "")) {
		fmt.Fprintln(stderr, "partnerfeed digest: --name NAME (or --frequency F --partner SLUG,… [--lang L]) and --dry-run or --to ADDR are required")
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
	if *name != "" && !slices.Contains(names, *name) {
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
	var r digest.Recipient
	if *name != "" {
		r, err = svc.DigestRecipient(*name)
	} else {
		r, err = svc.CitizenRecipient(*freq, splitList(*partners), *lang)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	msg, n, err := svc.PreviewMessage(ctx, r, addr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if *dry {
		return printMessage(msg, stdout, stderr)
	}
	res := svc.Mailer.Send(ctx, []mail.Message{msg})[0]
	if res.Err != nil {
		fmt.Fprintln(stderr, res.Err)
		return exitFailure
	}
	what := *name
	if what == "" {
		what = *freq + " " + *partners
	}
	fmt.Fprintf(stdout, "sent %s (%s) to %s\n", what,
		i18n.N(i18n.Pick(r.Language, cfg.Site.Language), "digest.items", n, n), addr)
	return exitOK
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
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
