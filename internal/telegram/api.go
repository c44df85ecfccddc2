package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
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

// ctxClient is tgbotapi's HTTPClient with a context attached to every request.
type ctxClient struct {
	ctx    context.Context
	client *http.Client
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.client.Do(req.WithContext(c.ctx))
}

// bot returns a library client bound to ctx.
func (a *API) bot(ctx context.Context) *tgbotapi.BotAPI {
	b := &tgbotapi.BotAPI{Token: a.token, Client: ctxClient{ctx, a.client}, Buffer: 100, Self: a.Self}
	b.SetAPIEndpoint(a.endpoint)
	return b
}

// Connect asks Telegram who the bot is (getMe), through the library's constructor.
func (a *API) Connect(ctx context.Context) error {
	b, err := tgbotapi.NewBotAPIWithClient(a.token, a.endpoint, ctxClient{ctx, a.client})
	if err != nil {
		return fmt.Errorf("telegram: getMe: %w", err)
	}
	a.Self = b.Self
	return nil
}

// Send sends a message (or photo) and returns it.
func (a *API) Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	return a.bot(ctx).Send(c)
}

// Request calls a method whose result is not needed.
func (a *API) Request(ctx context.Context, c tgbotapi.Chattable) error {
	_, err := a.bot(ctx).Request(c)
	return err
}

// Updates long-polls getUpdates.
func (a *API) Updates(ctx context.Context, offset int, timeout time.Duration) ([]tgbotapi.Update, error) {
	u := tgbotapi.NewUpdate(offset)
	u.Timeout = int(timeout / time.Second)
	u.AllowedUpdates = []string{"message", "callback_query", "my_chat_member"}
	return a.bot(ctx).GetUpdates(u)
}

// SetWebhook registers url with Telegram; Telegram then sends secretToken in
// the X-Telegram-Bot-Api-Secret-Token header of every update. One connection
// at a time: updates then arrive in order, which the offset check relies on.
func (a *API) SetWebhook(ctx context.Context, url, secretToken string) error {
	allowed, _ := json.Marshal([]string{"message", "callback_query", "my_chat_member"})
	_, err := a.bot(ctx).MakeRequest("setWebhook", tgbotapi.Params{
		"url": url, "secret_token": secretToken, "allowed_updates": string(allowed), "max_connections": "1"})
	return err
}

// DeleteWebhook switches a bot back to getUpdates.
func (a *API) DeleteWebhook(ctx context.Context) error {
	_, err := a.bot(ctx).MakeRequest("deleteWebhook", nil)
	return err
}

// ChatMember asks Telegram for a user's membership (and status) in a chat.
func (a *API) ChatMember(ctx context.Context, chatID, userID int64) (tgbotapi.ChatMember, error) {
	return a.bot(ctx).GetChatMember(tgbotapi.GetChatMemberConfig{
		ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
}
