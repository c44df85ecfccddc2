package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/redact"
)

// API is a Bot API client: telegram-bot-api with a context per request
// (the library has none, so each call gets a BotAPI value whose HTTP client
// carries the context).
type API struct {
	token    string
	endpoint string // e.g. "https://api.telegram.org/bot%s/%s"
	client   *http.Client
	// Self is the bot, known after Connect.
	Self tgbotapi.User
}

// NewAPI returns a client; it makes no request (see Connect).
func NewAPI(token, endpoint string, maxConns int) *API {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = max(maxConns, 2) + 2
	return &API{token: token, endpoint: endpoint, client: &http.Client{Transport: tr}}
}

// ctxClient is tgbotapi's HTTPClient with a context attached to every
// request. No error leaves it holding the token: Go's HTTP client names the
// request URL (.../bot<token>/method) in every network error.
type ctxClient struct {
	ctx    context.Context
	client *http.Client
	token  string
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.client.Do(req.WithContext(c.ctx))
	return resp, redact.Error(err, c.token)
}

// bot returns a library client bound to ctx.
func (a *API) bot(ctx context.Context) *tgbotapi.BotAPI {
	b := &tgbotapi.BotAPI{Token: a.token, Client: ctxClient{ctx, a.client, a.token}, Buffer: 100, Self: a.Self}
	b.SetAPIEndpoint(a.endpoint)
	return b
}

// Connect asks Telegram who the bot is (getMe), through the library's constructor.
func (a *API) Connect(ctx context.Context) error {
	b, err := tgbotapi.NewBotAPIWithClient(a.token, a.endpoint, ctxClient{ctx, a.client, a.token})
	if err != nil {
		return fmt.Errorf("telegram: getMe: %w", a.scrub(err))
	}
	a.Self = b.Self
	return nil
}

// Send sends a message (or photo) and returns it.
func (a *API) Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	m, err := a.bot(ctx).Send(c)
	return m, a.scrub(err)
}

// Request calls a method whose result is not needed.
func (a *API) Request(ctx context.Context, c tgbotapi.Chattable) error {
	_, err := a.bot(ctx).Request(c)
	return a.scrub(err)
}

// Updates long-polls getUpdates.
func (a *API) Updates(ctx context.Context, offset int, timeout time.Duration) ([]tgbotapi.Update, error) {
	u := tgbotapi.NewUpdate(offset)
	u.Timeout = int(timeout / time.Second)
	u.AllowedUpdates = []string{"message", "callback_query", "my_chat_member"}
	ups, err := a.bot(ctx).GetUpdates(u)
	return ups, a.scrub(err)
}

// SetWebhook registers url with Telegram; Telegram then sends secretToken in
// the X-Telegram-Bot-Api-Secret-Token header of every update. One connection
// at a time: updates then arrive in order, which the offset check relies on.
func (a *API) SetWebhook(ctx context.Context, url, secretToken string) error {
	allowed, _ := json.Marshal([]string{"message", "callback_query", "my_chat_member"})
	_, err := a.bot(ctx).MakeRequest("setWebhook", tgbotapi.Params{
		"url": url, "secret_token": secretToken, "allowed_updates": string(allowed), "max_connections": "1"})
	return a.scrub(err)
}

// DeleteWebhook switches a bot back to getUpdates.
func (a *API) DeleteWebhook(ctx context.Context) error {
	_, err := a.bot(ctx).MakeRequest("deleteWebhook", nil)
	return a.scrub(err)
}

// ChatMember asks Telegram for a user's membership (and status) in a chat.
func (a *API) ChatMember(ctx context.Context, chatID, userID int64) (tgbotapi.ChatMember, error) {
	m, err := a.bot(ctx).GetChatMember(tgbotapi.GetChatMemberConfig{
		ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
	return m, a.scrub(err)
}

// scrub removes the token from an error the library made itself (a request
// it could not build names the URL, too); network errors are scrubbed in
// ctxClient already.
func (a *API) scrub(err error) error { return redact.Error(err, a.token) }
