package digest

import (
	"fmt"
	"strings"
	"time"
)

// Languages are the languages digests, confirmation mails and subscription
// pages speak; others fall back to English, then German.
var Languages = []string{"de", "en", "fr", "nl", "uk"}

// Lang picks the supported language for a BCP 47 tag ("fr-BE" → fr).
func Lang(tag string) string {
	base := strings.ToLower(strings.SplitN(strings.ReplaceAll(tag, "_", "-"), "-", 2)[0])
	for _, l := range Languages {
		if l == base {
			return l
		}
	}
	return "en"
}

// T returns the localized text for key in lang (English, then German, as fallback).
func T(lang, key string) string {
	for _, l := range []string{Lang(lang), "en", "de"} {
		if s, ok := texts[l][key]; ok {
			return s
		}
	}
	return key
}

// Tf is T with fmt.Sprintf arguments.
func Tf(lang, key string, args ...any) string { return fmt.Sprintf(T(lang, key), args...) }

// Count says "3 nouvelles" in lang, with the right plural form.
func Count(lang string, n int) string {
	l := Lang(lang)
	form := "many"
	switch {
	case l == "uk" && n%10 == 1 && n%100 != 11:
		form = "one"
	case l == "uk" && n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		form = "few"
	case l == "fr" && (n == 0 || n == 1), l != "uk" && n == 1:
		form = "one"
	}
	return fmt.Sprintf("%d %s", n, T(l, "items_"+form))
}

// Date formats a day in lang ("24 novembre 2026", "24. November 2026").
func Date(lang string, t time.Time) string {
	l := Lang(lang)
	month := strings.Split(T(l, "months"), ",")[t.Month()-1]
	switch l {
	case "en":
		return fmt.Sprintf("%s %d, %d", month, t.Day(), t.Year())
	case "de":
		return fmt.Sprintf("%d. %s %d", t.Day(), month, t.Year())
	default:
		return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
	}
}

var texts = map[string]map[string]string{
	"de": {
		"colon":          ": ",
		"months":         "Januar,Februar,März,April,Mai,Juni,Juli,August,September,Oktober,November,Dezember",
		"items_one":      "Neuigkeit",
		"items_many":     "Neuigkeiten",
		"subject":        "%s – %s: %s (%s)",
		"week":           "KW %d",
		"heading":        "Neuigkeiten aus %s über %s",
		"intro":          "Alles, was %s seit dem letzten Überblick über %s veröffentlicht hat.",
		"empty":          "Diesmal gibt es nichts Neues.",
		"read_more":      "Weiterlesen",
		"partners":       "Partnerstädte",
		"unsubscribe":    "Abbestellen",
		"unsub_note":     "Sie erhalten diese E-Mail, weil Sie den Überblick abonniert haben.",
		"unsub_note_cfg": "Diese E-Mail wird Ihrer Dienststelle auf Vereinbarung mit %s zugestellt.",
		"imprint":        "Impressum",
		"privacy":        "Datenschutz",
		"confirm_subj":   "Bitte bestätigen Sie Ihr Abonnement – %s",
		"confirm_body":   "Jemand – hoffentlich Sie – möchte an diese Adresse Neuigkeiten von %s über %s erhalten (%s).",
		"confirm_action": "Abonnement bestätigen",
		"confirm_ignore": "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne Bestätigung senden wir nichts, und die Adresse wird nach sieben Tagen gelöscht.",
		"sched_daily":    "täglich",
		"sched_weekly":   "wöchentlich",
	},
	"en": {
		"colon":          ": ",
		"months":         "January,February,March,April,May,June,July,August,September,October,November,December",
		"items_one":      "news item",
		"items_many":     "news items",
		"subject":        "%s – %s: %s (%s)",
		"week":           "week %d",
		"heading":        "News from %s about %s",
		"intro":          "Everything %s published about %s since the previous digest.",
		"empty":          "Nothing new this time.",
		"read_more":      "Read more",
		"partners":       "Partner cities",
		"unsubscribe":    "Unsubscribe",
		"unsub_note":     "You receive this email because you subscribed to this digest.",
		"unsub_note_cfg": "This email is sent to your office as arranged with %s.",
		"imprint":        "Imprint",
		"privacy":        "Privacy",
		"confirm_subj":   "Please confirm your subscription – %s",
		"confirm_body":   "Someone – hopefully you – asked to receive news from %s about %s at this address (%s).",
		"confirm_action": "Confirm subscription",
		"confirm_ignore": "If this was not you, ignore this email: nothing is sent without confirmation, and the address is deleted after seven days.",
		"sched_daily":    "daily",
		"sched_weekly":   "weekly",
	},
	"fr": {
		"colon":          " : ",
		"months":         "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre",
		"items_one":      "nouvelle",
		"items_many":     "nouvelles",
		"subject":        "%s – %s : %s (%s)",
		"week":           "semaine %d",
		"heading":        "Nouvelles de %s sur %s",
		"intro":          "Tout ce que %s a publié sur %s depuis le dernier envoi.",
		"empty":          "Rien de nouveau cette fois-ci.",
		"read_more":      "Lire la suite",
		"partners":       "Villes jumelées",
		"unsubscribe":    "Se désabonner",
		"unsub_note":     "Vous recevez ce courriel parce que vous vous êtes abonné à cette lettre.",
		"unsub_note_cfg": "Ce courriel est envoyé à votre service en accord avec %s.",
		"imprint":        "Mentions légales",
		"privacy":        "Protection des données",
		"confirm_subj":   "Veuillez confirmer votre abonnement – %s",
		"confirm_body":   "Quelqu’un – vous, espérons-le – a demandé à recevoir à cette adresse les nouvelles de %s sur %s (%s).",
		"confirm_action": "Confirmer l’abonnement",
		"confirm_ignore": "Si ce n’était pas vous, ignorez ce courriel : rien n’est envoyé sans confirmation, et l’adresse est effacée après sept jours.",
		"sched_daily":    "quotidien",
		"sched_weekly":   "hebdomadaire",
	},
	"nl": {
		"colon":          ": ",
		"months":         "januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december",
		"items_one":      "bericht",
		"items_many":     "berichten",
		"subject":        "%s – %s: %s (%s)",
		"week":           "week %d",
		"heading":        "Nieuws uit %s over %s",
		"intro":          "Alles wat %s sinds het vorige overzicht over %s heeft gepubliceerd.",
		"empty":          "Deze keer is er niets nieuws.",
		"read_more":      "Lees meer",
		"partners":       "Partnersteden",
		"unsubscribe":    "Afmelden",
		"unsub_note":     "U ontvangt deze e-mail omdat u zich op dit overzicht hebt aangemeld.",
		"unsub_note_cfg": "Deze e-mail wordt naar uw dienst gestuurd zoals afgesproken met %s.",
		"imprint":        "Colofon",
		"privacy":        "Privacy",
		"confirm_subj":   "Bevestig uw aanmelding – %s",
		"confirm_body":   "Iemand – hopelijk u – wil op dit adres nieuws van %s over %s ontvangen (%s).",
		"confirm_action": "Aanmelding bevestigen",
		"confirm_ignore": "Was u dit niet, negeer deze e-mail dan: zonder bevestiging sturen we niets, en het adres wordt na zeven dagen verwijderd.",
		"sched_daily":    "dagelijks",
		"sched_weekly":   "wekelijks",
	},
	"uk": {
		"colon":          ": ",
		"months":         "січня,лютого,березня,квітня,травня,червня,липня,серпня,вересня,жовтня,листопада,грудня",
		"items_one":      "новина",
		"items_few":      "новини",
		"items_many":     "новин",
		"subject":        "%s – %s: %s (%s)",
		"week":           "тиждень %d",
		"heading":        "Новини з %s про %s",
		"intro":          "Усе, що %s опублікувало про %s від попереднього дайджесту.",
		"empty":          "Цього разу нічого нового.",
		"read_more":      "Читати далі",
		"partners":       "Міста-партнери",
		"unsubscribe":    "Відписатися",
		"unsub_note":     "Ви отримуєте цей лист, бо підписалися на цей дайджест.",
		"unsub_note_cfg": "Цей лист надсилається вашій установі за домовленістю з %s.",
		"imprint":        "Вихідні дані",
		"privacy":        "Захист даних",
		"confirm_subj":   "Підтвердіть підписку – %s",
		"confirm_body":   "Хтось – сподіваємося, ви – хоче отримувати на цю адресу новини від %s про %s (%s).",
		"confirm_action": "Підтвердити підписку",
		"confirm_ignore": "Якщо це були не ви, проігноруйте цей лист: без підтвердження ми нічого не надсилаємо, а адресу буде видалено через сім днів.",
		"sched_daily":    "щодня",
		"sched_weekly":   "щотижня",
	},
}
