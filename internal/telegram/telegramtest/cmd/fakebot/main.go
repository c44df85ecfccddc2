// Command fakebot runs the fake Telegram Bot API as a process, for
// process-level tests and benchmarks: point telegram.api_endpoint at
// http://ADDR/bot%s/%s and drive it with the control API (/fake/stats, …).
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	addrFile := flag.String("addr-file", "", "write the address listened on to this file")
	token := flag.String("token", "", "the only bot token accepted (empty: any)")
	botRate := flag.Int("bot-rate", 30, "messages per second per bot (0: unlimited)")
	chatRate := flag.Int("chat-rate", 1, "messages per second per chat (0: unlimited)")
	groupRate := flag.Int("group-rate", 20, "messages per minute per group (0: unlimited)")
	flag.Parse()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakebot:", err)
		os.Exit(1)
	}
	addr := ln.Addr().String()
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(addr), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, "fakebot:", err)
			os.Exit(1)
		}
	}
	fake := telegramtest.New(telegramtest.Options{Token: *token,
		Limits: telegramtest.Limits{BotPerSecond: *botRate, ChatPerSecond: *chatRate, GroupPerMinute: *groupRate}})
	slog.Info("Fake Bot API listening", slog.String("endpoint", "http://"+addr+"/bot%s/%s"))
	if err := http.Serve(ln, fake); err != nil {
		fmt.Fprintln(os.Stderr, "fakebot:", err)
		os.Exit(1)
	}
}
