// Package telegramtest is a fake Telegram Bot API server for tests, written
// from the Bot API documentation (core.telegram.org/bots/api). It answers
// getMe, getUpdates (offset, timeout), sendMessage, sendPhoto, sendDocument
// (multipart upload or URL),
// answerCallbackQuery, editMessageText, editMessageReplyMarkup,
// setMyCommands/getMyCommands/deleteMyCommands (per scope and language_code),
// setWebhook and getChatMember (statuses set with SetMember); parses HTML
// like Telegram and rejects what Telegram rejects; enforces the flood limits with 429 and retry_after (recording every
// violation); and simulates blocked users, vanished chats, migrated groups,
// server errors and hanging requests. Use it in-process (Start) or as a
// process (cmd/fakebot) with the control API of control.go.
package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Options configure a Fake.
type Options struct {
	Token       string // the only token accepted; "" accepts any
	BotUsername string // default "partnerfeed_test_bot"
	Limits      Limits // zero: no limits
	// Latency delays every sendMessage and sendPhoto answer, as the network
	// and Telegram's servers do (zero: answer at once).
	Latency time.Duration
}

// Message is a message the bot sent, as the fake recorded it.
type Message struct {
	ID          int
	Chat        string // chat_id as sent: "123", "-100123" or "@channel"
	Method      string // sendMessage | sendPhoto | sendDocument
	HTML        string // text or caption as sent
	Text        string // text or caption as a user sees it
	Photo       string
	ReplyMarkup string    // JSON, as last set
	Silent      bool      // disable_notification
	Document    *Document // sendDocument's file
	Edits       int
	At          time.Time
	Deleted     bool // deleteMessage removed it (it stays listed, marked)
}

// chatState is how a chat answers the bot.
type chatState struct {
	blocked, deactivated, notFound bool
	migrateTo                      int64
}

// Fake is a fake Bot API. Its methods are safe for concurrent use.
type Fake struct {
	opts Options

	mu            sync.Mutex
	updates       []tgbotapi.Update
	nextUpdate    int
	nextMessage   int
	newUpdate     chan struct{} // closed and replaced when an update arrives
	messages      []*Message
	byID          map[int]*Message
	chats         map[string]*chatState
	failNext      []int // status codes for the next send requests
	hangNext      int
	hanging       int // requests hanging now
	violations    []Violation
	callbacks     map[string]string // callback query id -> answer text ("" until answered)
	answered      map[string]bool
	commands      map[string][]tgbotapi.BotCommand // by commandKey(scope, language_code)
	webhook       string
	webhookToken  string
	calls         map[string]int
	attempts      map[string]int // send requests per chat, failed ones included
	attemptTimes  map[string][]time.Time
	perChat       map[string]int // messages per chat
	offsets       []int          // of every getUpdates request
	refusePhotos  bool
	dupChats      int
	botWindow     *window
	chatWindows   map[string]*window
	groupWindows  map[string]*window
	hangRelease   chan struct{}
	rejectedTotal int
	rejections    []Rejection
	members       map[string]map[int64]string // chat → user → status
	failMethod    map[string][]int            // method → status codes for its next calls
}

// New returns a fake; serve it with ServeHTTP (or use Start).
func New(opts Options) *Fake {
	if opts.BotUsername == "" {
		opts.BotUsername = "partnerfeed_test_bot"
	}
	return &Fake{
		opts: opts, nextUpdate: 1, nextMessage: 1, newUpdate: make(chan struct{}),
		byID: map[int]*Message{}, chats: map[string]*chatState{}, callbacks: map[string]string{},
		answered: map[string]bool{}, calls: map[string]int{}, attempts: map[string]int{}, attemptTimes: map[string][]time.Time{}, perChat: map[string]int{},
		chatWindows: map[string]*window{}, groupWindows: map[string]*window{},
		hangRelease: make(chan struct{}), commands: map[string][]tgbotapi.BotCommand{}, members: map[string]map[int64]string{}, failMethod: map[string][]int{},
	}
}

// Server is a Fake served by an httptest.Server on 127.0.0.1.
type Server struct {
	*Fake
	HTTP *httptest.Server
}

// Start serves a new fake on a free loopback port; Close it when done.
func Start(opts Options) *Server {
	f := New(opts)
	return &Server{Fake: f, HTTP: httptest.NewServer(f)}
}

// Endpoint is the value for telegram.api_endpoint.
func (s *Server) Endpoint() string { return s.HTTP.URL + "/bot%s/%s" }

// Close releases hanging requests and stops the server.
func (s *Server) Close() {
	s.Fake.ReleaseHangs()
	s.HTTP.CloseClientConnections()
	s.HTTP.Close()
}

// ServeHTTP answers Bot API requests (/bot<token>/<method>) and the control API (/fake/…).
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/fake/") {
		f.serveControl(w, r)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeJSON(w, 404, apiError(404, "Not Found", nil))
		return
	}
	if f.opts.Token != "" && token != f.opts.Token {
		writeJSON(w, 401, apiError(401, "Unauthorized", nil))
		return
	}
	p, err := readParams(r)
	if err != nil {
		writeJSON(w, 400, apiError(400, "Bad Request: "+err.Error(), nil))
		return
	}
	f.mu.Lock()
	f.calls[method]++
	f.mu.Unlock()
	if m := strings.ToLower(method); f.opts.Latency > 0 && (m == "sendmessage" || m == "sendphoto" || m == "senddocument") {
		time.Sleep(f.opts.Latency)
	}
	if code := f.takeMethodFailure(method); code != 0 {
		writeJSON(w, code, apiError(code, http.StatusText(code), nil))
		return
	}
	code, body := f.call(r, method, p)
	writeJSON(w, code, body)
}

// call dispatches one method.
func (f *Fake) call(r *http.Request, method string, p params) (int, any) {
	switch strings.ToLower(method) {
	case "getme":
		return ok(tgbotapi.User{ID: 1, IsBot: true, FirstName: "Partnerfeed", UserName: f.opts.BotUsername})
	case "getupdates":
		return f.getUpdates(r, p)
	case "sendmessage":
		return f.send(r, "sendMessage", p)
	case "sendphoto":
		return f.send(r, "sendPhoto", p)
	case "senddocument":
		return f.send(r, "sendDocument", p)
	case "answercallbackquery":
		return f.answerCallback(p)
	case "editmessagetext", "editmessagereplymarkup":
		return f.edit(method, p)
	case "deletemessage":
		return f.deleteMessage(p)
	case "setmycommands":
		return f.setCommands(p)
	case "getmycommands":
		return f.getCommands(p)
	case "deletemycommands":
		return f.deleteCommands(p)
	case "getchatmember":
		return f.getChatMember(p)
	case "setwebhook":
		f.mu.Lock()
		f.webhook, f.webhookToken = p["url"], p["secret_token"]
		f.mu.Unlock()
		return ok(true)
	case "deletewebhook":
		f.mu.Lock()
		f.webhook = ""
		f.mu.Unlock()
		return ok(true)
	}
	return 404, apiError(404, "Not Found: method not found", nil)
}

func ok(result any) (int, any) {
	return 200, map[string]any{"ok": true, "result": result}
}

func apiError(code int, desc string, params map[string]any) map[string]any {
	out := map[string]any{"ok": false, "error_code": code, "description": desc}
	if params != nil {
		out["parameters"] = params
	}
	return out
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// params are a request's parameters, from a form, a multipart form or JSON.
type params map[string]string

func readParams(r *http.Request) (params, error) {
	p := params{}
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/json"):
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, err
		}
		for k, v := range m {
			if s, isStr := v.(string); isStr {
				p[k] = s
			} else {
				b, _ := json.Marshal(v)
				p[k] = string(b)
			}
		}
		return p, nil
	case strings.HasPrefix(ct, "multipart/form-data"):
		if err := r.ParseMultipartForm(10 << 20); err != nil {
			return nil, err
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
	}
	for k, v := range r.Form {
		if len(v) > 0 {
			p[k] = v[0]
		}
	}
	return p, nil
}
