package subscribe_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/browsertest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A confirmed subscriber enters its address in the form again: the answer
// is the usual one, and the mail holds the link to its preference page.
// There it changes its city, and the next digest follows the change (an
// article already waiting about the old city is not in it); it downloads
// its data as JSON and erases it.
func TestPreferencePageInBrowser(t *testing.T) {
	e := newEnv(t)
	ctx := browsertest.Start(t, 90*time.Second)
	sub, _, err := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "citizen@example.org",
		Language: "en", Schedule: "weekly", Partners: []string{"duenkirchen"}})
	if err != nil {
		t.Fatal(err)
	}
	if sub, err = e.Service.Confirm(e.Ctx, sub.ID, "double opt-in: test"); err != nil {
		t.Fatal(err)
	}
	e.article("Dunkirk harbour", "duenkirchen") // waits for the next digest

	err = chromedp.Do(ctx,
		chromedp.Navigate(e.srv.URL+"/subscribe?lang=en"),
		chromedp.WaitVisible(chromedp.ID("email")),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("email"), "citizen@example.org"),
		chromedp.Click(chromedp.ID("sub-leiden")),
		chromedp.SetValue(chromedp.ID("language"), "en"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "inbox")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	msgs := e.Mailpit.WaitMessages(1)
	if msgs[0].Subject != "Manage your subscription – Krefeld" {
		t.Fatalf("mail to a known address: %q", msgs[0].Subject)
	}
	link := regexp.MustCompile(`http://\S+/subscription/\S+`).FindString(e.Mailpit.Message(msgs[0].ID).Text)
	if link == "" {
		t.Fatal("no preference link in the mail")
	}
	if s, _ := e.Store.EmailSubscriber(e.Ctx, sub.ID); !slices.Equal(s.Partners, []string{"duenkirchen"}) {
		t.Fatalf("the form changed a confirmed subscription: %v", s.Partners)
	}

	// The preference page: change Dunkirk for Leiden.
	if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if h1 := heading(t, ctx); h1 != "Your subscription" {
		t.Fatalf("preference page: %q", h1)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("sub-duenkirchen")),
		chromedp.Click(chromedp.ID("sub-leiden")),
		chromedp.Click(chromedp.CSS(`button[value="save"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Saved.")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if s, _ := e.Store.EmailSubscriber(e.Ctx, sub.ID); !slices.Equal(s.Partners, []string{"leiden"}) {
		t.Fatalf("partners after saving: %v", s.Partners)
	}
	e.article("Leiden canal", "leiden")
	e.plan("weekly", time.Now().Add(7*24*time.Hour).Truncate(time.Hour))
	msgs = e.Mailpit.WaitMessages(2)
	digestMsg := e.Mailpit.Message(msgs[0].ID)
	if !strings.Contains(digestMsg.Text, "Leiden canal") || strings.Contains(digestMsg.Text, "Dunkirk harbour") {
		t.Errorf("the next digest does not follow the change:\n%s", digestMsg.Text)
	}
	if !strings.Contains(digestMsg.Text, e.srv.URL+"/subscription/") || !strings.Contains(digestMsg.HTML, e.srv.URL+"/subscription/") {
		t.Error("the digest does not link the preference page")
	}
	if h := e.Mailpit.Headers(msgs[0].ID); len(h["List-Unsubscribe-Post"]) != 1 || !strings.Contains(h["List-Unsubscribe"][0], "/unsubscribe/") {
		t.Errorf("one-click unsubscribe headers: %v %v", h["List-Unsubscribe"], h["List-Unsubscribe-Post"])
	}

	// Download the data, then erase it.
	type export struct {
		Email, Status, Consent string
		Partners               []string
		ConfirmedAt            string `json:"confirmed_at"`
	}
	// The page's CSP allows no script to fetch: the link's target is read here.
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("download").href`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(href)
	if err != nil {
		t.Fatal(err)
	}
	var data export
	err = json.NewDecoder(resp.Body).Decode(&data)
	resp.Body.Close()
	if err != nil || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %v %v", resp.Header, err)
	}
	if data.Email != "citizen@example.org" || data.Status != "confirmed" || !slices.Equal(data.Partners, []string{"leiden"}) ||
		data.Consent != "double opt-in: test" || data.ConfirmedAt == "" {
		t.Errorf("downloaded data: %+v", data)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//form[input[@value="erase"]]//button`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "erased")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if _, err := e.Store.EmailSubscriber(e.Ctx, sub.ID); err != store.ErrNotFound {
		t.Errorf("subscriber kept after erasing: %v", err)
	}
	if st, _ := get(t, link); st != 404 {
		t.Errorf("the preference link after erasing: status %d, want 404", st)
	}
}

// GET /subscribe is a page with the form (pre-selecting ?partner=); a form
// with two problems comes back with what was typed, one message per
// problem, each tied to its field.
func TestSubscribeFormErrorsInBrowser(t *testing.T) {
	e := newEnv(t)
	ctx := browsertest.Start(t, 60*time.Second)
	err := chromedp.Do(ctx,
		chromedp.Navigate(e.srv.URL+"/subscribe?partner=leiden&lang=en"),
		chromedp.WaitVisible(chromedp.ID("email")),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if h1 := heading(t, ctx); h1 != "Subscribe by email" {
		t.Fatalf("GET /subscribe: %q", h1)
	}
	checked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("sub-leiden").checked`))
	if err != nil || !checked {
		t.Fatalf("?partner=leiden not pre-selected (%v)", err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("email"), "citizen@localhost"), // valid for the browser, not for us
		chromedp.Click(chromedp.ID("sub-leiden")),                    // no city left
		chromedp.SetValue(chromedp.ID("language"), "en"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("email-error")),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	type state struct {
		Value, Invalid, Described, EmailError, PartnersDescribed, PartnersError string
		Summary                                                                 int
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[state](`({
		value: document.getElementById("email").value,
		invalid: document.getElementById("email").getAttribute("aria-invalid"),
		described: document.getElementById("email").getAttribute("aria-describedby"),
		emailError: document.getElementById("email-error").textContent,
		partnersDescribed: document.getElementById("partners").getAttribute("aria-describedby"),
		partnersError: document.getElementById("partners-error").textContent,
		summary: document.querySelectorAll(".form-errors li").length})`))
	if err != nil {
		t.Fatal(err)
	}
	want := state{Value: "citizen@localhost", Invalid: "true", Described: "email-error",
		EmailError: "Please enter a valid email address, such as name@example.org.", PartnersDescribed: "partners-error",
		PartnersError: "Please choose at least one partner city.", Summary: 2}
	if got != want {
		t.Errorf("form after errors:\n got %+v\nwant %+v", got, want)
	}
	if e.subscriberByEmail("citizen@localhost") != 0 {
		t.Error("an invalid form was stored")
	}
}
