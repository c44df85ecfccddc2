package digest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
)

// A digest configured in Turkish reaches mailpit in Turkish: the subject with
// the count in the Turkish plural (a noun after a number stays singular:
// "3 haber", never "3 haberler"), the week, the dates with Turkish month names.
func TestTurkishDigest(t *testing.T) {
	e := newEnv(t, func(c *config.Config) {
		c.Partners = append(c.Partners, config.Partner{Slug: "kayseri", Names: map[string]string{"de": "Kayseri", "tr": "Kayseri"}})
		c.Email.Digests = []config.Digest{{Name: "kayseri-office", To: []string{"kardessehir@kayseri.example"},
			Partners: []string{"kayseri"}, Language: "tr", Schedule: "0 8 * * 1"}}
	})
	now := time.Now()
	e.Start(false, 0)
	var published []time.Time
	for i, title := range []string{"Kayseri heyeti", "Kayseri gençlik değişimi", "Kayseri sergisi"} {
		p := now.Add(-time.Duration(12*(i+1)) * time.Hour)
		published = append(published, p)
		e.Article(title, p, "kayseri")
	}
	e.seedAt(now.Add(-8 * 24 * time.Hour))
	e.Start(true, 0)

	msgs := e.Mailpit.WaitMessages(1)
	sched, _ := digest.ParseSchedule("0 8 * * 1", e.Cfg.Location)
	_, week := sched.Slot(time.Now()).In(e.Cfg.Location).ISOWeek()
	if want := fmt.Sprintf("Krefeld – Kayseri: 3 haber (%d. hafta)", week); msgs[0].Subject != want {
		t.Errorf("subject %q, want %q", msgs[0].Subject, want)
	}
	m := e.Mailpit.Message(msgs[0].ID)
	if len(m.To) != 1 || m.To[0].Address != "kardessehir@kayseri.example" {
		t.Errorf("to %+v", m.To)
	}
	months := []string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"}
	for _, part := range []string{m.Text, m.HTML} {
		for _, want := range []string{"Devamını okuyun", "Abonelikten çık", "Krefeld: Kayseri hakkında haberler"} {
			if !strings.Contains(part, want) {
				t.Errorf("part lacks %q:\n%s", want, part)
			}
		}
		for _, p := range published {
			d := p.In(e.Cfg.Location)
			if date := fmt.Sprintf("%d %s %d", d.Day(), months[d.Month()-1], d.Year()); !strings.Contains(part, date) {
				t.Errorf("part lacks the date %q:\n%s", date, part)
			}
		}
	}
}
