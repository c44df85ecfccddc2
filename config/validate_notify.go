package config

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
)

// switchOff turns off the features whose secret is empty, with a warning.
// It runs after validation, so that a switched-off section is still checked.
func (l *loader) switchOff(c *Config) {
	if c.Telegram != nil && c.Telegram.Token == "" {
		l.warnf("%s:%d: telegram.token is empty: the Telegram bot is off", l.file, l.line("telegram.token"))
		c.Telegram = nil
	}
	if c.Email != nil && strings.TrimSpace(c.Email.SMTP.Host) == "" {
		l.warnf("%s:%d: email.smtp.host is empty: email (subscriptions and digests) is off", l.file, l.line("email.smtp.host"))
		c.Email = nil
	}
}

var (
	quietHoursRE   = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$`)
	channelRE      = regexp.MustCompile(`^(@[A-Za-z][A-Za-z0-9_]{3,}|-?[0-9]+)$`)
	webhookSecretR = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// validateTelegram checks the telegram section, also when its token is empty
// (the bot is then off, but the section should work once the token is set).
func (l *loader) validateTelegram(c *Config) {
	t := c.Telegram
	if t == nil {
		return
	}
	if strings.Count(t.APIEndpoint, "%s") != 2 {
		l.errorf("telegram.api_endpoint", "want a URL with two %%s (token, method), such as %s", DefaultAPIEndpoint)
	} else {
		l.checkURL("telegram.api_endpoint", strings.ReplaceAll(t.APIEndpoint, "%s", "x"))
	}
	l.oneOf("telegram.mode", t.Mode, "polling", "webhook")
	if t.Mode == "webhook" && t.Token != "" {
		if t.WebhookSecret == "" {
			l.errorBecause("telegram.webhook_secret", "telegram.mode", "required with mode webhook")
		} else if !webhookSecretR.MatchString(t.WebhookSecret.Value()) {
			l.errorf("telegram.webhook_secret", "use 1 to 256 characters A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token)")
		}
	}
	for _, slug := range sortedKeys(t.Channels) {
		p := "telegram.channels." + slug
		l.checkPartnerRef(c, p, slug)
		if !channelRE.MatchString(t.Channels[slug]) {
			l.errorf(p, "want @channelname or a numeric chat id, got %q", t.Channels[slug])
		}
	}
	if t.QuietHours != "" && !quietHoursRE.MatchString(t.QuietHours) {
		l.errorf("telegram.quiet_hours", "want HH:MM-HH:MM such as 22:00-07:00, got %q", t.QuietHours)
	}
	for key, v := range map[string]float64{"rate_per_second": t.RatePerSecond, "chat_rate_per_second": t.ChatRatePerSecond,
		"group_rate_per_minute": t.GroupRatePerMinute, "send_concurrency": float64(t.SendConcurrency),
		"batch_size": float64(t.BatchSize), "send_timeout": float64(t.SendTimeout), "poll_timeout": float64(t.PollTimeout),
		"update_workers": float64(t.UpdateWorkers)} {
		if v < 0 {
			l.errorf("telegram."+key, "must not be negative (0 or absent: the default)")
		}
	}
}

// validateEmail checks the email section, also when it will be switched off.
func (l *loader) validateEmail(c *Config) {
	e := c.Email
	if e == nil {
		return
	}
	on := strings.TrimSpace(e.SMTP.Host) != ""
	if on && len(c.Site.Secret.Value()) < 16 {
		l.errorBecause("site.secret", "email.smtp.host", "required once email is configured: at least 16 characters (it signs confirm and unsubscribe links)")
	}
	if strings.ContainsAny(e.SMTP.Host, "/: ") {
		l.errorf("email.smtp.host", "want a host name, got %q", e.SMTP.Host)
	}
	if e.SMTP.Port < 1 || e.SMTP.Port > 65535 {
		l.errorf("email.smtp.port", "want 1 to 65535, got %d", e.SMTP.Port)
	}
	l.oneOf("email.smtp.tls", e.SMTP.TLS, "starttls", "tls", "none")
	if e.MaxBounces < 1 || e.MaxBounces > 1000 {
		l.errorf("email.max_bounces", "want 1 to 1000 hard bounces, got %d", e.MaxBounces)
	}
	if e.From == "" {
		l.errorf("email.from", "required: the sender, such as \"City Press Office <press@city.example>\"")
	} else if _, err := mail.ParseAddress(e.From); err != nil {
		l.errorf("email.from", "bad address %q: %v", e.From, err)
	}
	for _, name := range sortedKeys(e.SubscriberSchedules) {
		p := "email.subscriber_schedules." + name
		l.checkSlug(p, name)
		l.checkSchedule(p, e.SubscriberSchedules[name])
	}
	seen := map[string]string{}
	for i, d := range e.Digests {
		p := fmt.Sprintf("email.digests[%d]", i)
		if l.checkSlug(p+".name", d.Name) {
			if first, dup := seen[d.Name]; dup {
				l.errorf(p+".name", "duplicate digest name %q (also %s)", d.Name, first)
			}
			seen[d.Name] = p
		}
		if len(d.To) == 0 {
			l.errorf(p+".to", "required: at least one address")
		}
		for j, to := range d.To {
			if _, err := mail.ParseAddress(to); err != nil {
				l.errorf(fmt.Sprintf("%s.to[%d]", p, j), "bad address %q", to)
			}
		}
		if len(d.Partners) == 0 {
			l.errorf(p+".partners", "required: at least one partner slug")
		}
		for j, slug := range d.Partners {
			l.checkPartnerRef(c, fmt.Sprintf("%s.partners[%d]", p, j), slug)
		}
		l.checkLanguage(p+".language", d.Language)
		if d.Schedule == "" {
			l.errorf(p+".schedule", "required: a cron expression such as \"0 8 * * 1\"")
		} else {
			l.checkSchedule(p+".schedule", d.Schedule)
		}
	}
}
