package telegram

import (
	"fmt"
	"strings"
)

// Languages are the languages the bot speaks, in the order /language offers them.
var Languages = []string{"de", "en", "fr", "nl", "uk"}

// languageNames label the /language buttons.
var languageNames = map[string]string{
	"de": "Deutsch", "en": "English", "fr": "Français", "nl": "Nederlands", "uk": "Українська",
}

// supported reports whether the bot speaks lang.
func supported(lang string) bool {
	_, ok := languageNames[lang]
	return ok
}

// chooseLanguage picks the bot language for a BCP 47 tag: the tag's base
// language when the bot speaks it, else English, then German.
func chooseLanguage(tag, fallback string) string {
	base := strings.ToLower(strings.SplitN(strings.ReplaceAll(tag, "_", "-"), "-", 2)[0])
	for _, l := range []string{base, fallback, "en", "de"} {
		if supported(l) {
			return l
		}
	}
	return "en"
}

// allWords mean every partner in "/follow all" and "/unfollow all", in the
// languages the bot speaks (unless a partner is called so).
var allWords = map[string]bool{"all": true, "alle": true, "tous": true, "toutes": true, "allemaal": true,
	"всі": true, "усі": true}

// connectors join names in a list ("Venlo und Leiden"); they name no city.
var connectors = map[string]bool{"and": true, "und": true, "et": true, "en": true, "і": true, "й": true, "та": true}

// tr returns the text for key in lang (English, then German, as fallbacks),
// formatted with args.
func tr(lang, key string, args ...any) string {
	s, ok := texts[lang][key]
	if !ok {
		if s, ok = texts["en"][key]; !ok {
			s = texts["de"][key]
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// texts are the bot's messages (help_more continues help). %s arguments are escaped HTML.
var texts = map[string]map[string]string{
	"en": {
		"export_empty":       "You follow no partner city yet, so there are no feeds to export. Choose with /partners.",
		"export_caption":     "The Atom feeds of the %d cities you follow, as OPML: import this file into your feed reader.",
		"export_title":       "%s: partner city feeds",
		"muted":              "Muted: I send no news here until /unmute. What you follow stays as it is.",
		"muted_until":        "Muted until %s: news published meanwhile is not sent here (/latest shows it). /unmute ends it sooner.",
		"mute_bad":           "I do not understand “%s”. Send /mute (until /unmute) or a duration: <code>/mute 8h</code>, <code>/mute 1d</code>, <code>/mute 1h30m</code> (1 minute to 365 days).",
		"unmuted":            "Unmuted: news arrives here again.",
		"not_muted":          "This chat is not muted.",
		"list_muted":         "🔕 Muted until /unmute.",
		"list_muted_until":   "🔕 Muted until %s.",
		"cmd_export":         "Your feeds as an OPML file",
		"cmd_mute":           "Pause the news (for example /mute 8h)",
		"cmd_unmute":         "Resume the news",
		"help_more":          "/export – your feeds as an OPML file for a feed reader\n/mute [<i>8h</i>, <i>1d</i>] – pause the news (until /unmute, or for a while)\n/unmute – resume the news",
		"list_feeds":         "Feeds for your feed reader:",
		"list_opml":          "… and every feed at once: <a href=\"%s\">OPML</a>",
		"help_group":         "In a group, only its administrators can change what it follows and its language.",
		"followed_many":      "You now follow %s. Their news will arrive here.",
		"already_many":       "You already follow %s.",
		"unfollowed_many":    "You no longer follow %s.",
		"not_following_many": "You were not following %s.",
		"followed_all":       "You now follow all %d partner cities. Their news will arrive here.",
		"unfollowed_all":     "You no longer follow any partner city.",
		"unknown_cities":     "I know no partner cities called %s. Send /partners to see them all.",
		"quoted":             "“%s”",
		"unfollow_menu":      "Tap a city to stop following it:",
		"admins_only":        "Only the administrators of this group can change what it follows.",
		"admin_check_failed": "I could not check whether you administer this group. Please try again in a minute.",
		"welcome":            "Hello! I send you news about the partner cities of %s. Tap a city to follow it, or send /help.",
		"followed":           "You now follow <b>%s</b>. Its news will arrive here.",
		"already":            "You already follow <b>%s</b>.",
		"unfollowed":         "You no longer follow <b>%s</b>.",
		"not_following":      "You were not following <b>%s</b>.",
		"unknown_city":       "I know no partner city called “%s”. Send /partners to see them all.",
		"which_city":         "Which city? For example <code>/%s %s</code>, or choose with /partners.",
		"list":               "You follow: %s",
		"list_empty":         "You follow no partner city yet. Choose with /partners.",
		"latest":             "Latest news about <b>%s</b>:",
		"latest_all":         "Latest partnership news:",
		"no_news":            "No news yet.",
		"choose_lang":        "Choose your language:",
		"lang_set":           "I speak English with you now.",
		"stopped":            "Done: I have forgotten this chat and what it followed. Send /start to begin again.",
		"partners":           "Tap a city to follow or unfollow it:",
		"did_you_mean":       "Do you want news about <b>%s</b>? Send /follow %s.",
		"unknown_cmd":        "I do not know that command.",
		"unknown_text":       "I understand commands only. Send /partners to choose cities, or /help.",
		"read_more":          "Read the article",
		"cb_followed":        "Following %s",
		"cb_unfollowed":      "Unfollowed %s",
		"help": "I send you news about the partner cities of %s.\n\n" +
			"/partners – choose cities by tapping\n/follow <i>city</i> [<i>city</i> …] – follow cities (<code>all</code>: every one)\n" +
			"/unfollow [<i>city</i> …] – stop following (without a city: tap to choose)\n/list – what you follow\n" +
			"/latest [<i>city</i>] – the last five articles\n/language – change the language\n" +
			"/stop – forget this chat\n/help – this text",
		"cmd_start": "Start and choose partner cities", "cmd_partners": "Choose partner cities",
		"cmd_follow": "Follow partner cities (or all)", "cmd_unfollow": "Stop following partner cities (or all)",
		"cmd_list": "What you follow, with feed links", "cmd_latest": "The latest articles",
		"cmd_language": "Change the language", "cmd_stop": "Forget this chat", "cmd_help": "Help",
	},
	"de": {
		"export_empty":       "Sie folgen noch keiner Partnerstadt, es gibt also keine Feeds zu exportieren. Wählen Sie mit /partners.",
		"export_caption":     "Die Atom-Feeds der %d Städte, denen Sie folgen, als OPML: Importieren Sie die Datei in Ihren Feed-Reader.",
		"export_title":       "%s: Feeds der Partnerstädte",
		"muted":              "Stummgeschaltet: Bis /unmute schicke ich hierher keine Nachrichten. Was Sie verfolgen, bleibt erhalten.",
		"muted_until":        "Stummgeschaltet bis %s: Was in der Zeit erscheint, kommt nicht hierher (/latest zeigt es). /unmute beendet es früher.",
		"mute_bad":           "„%s“ verstehe ich nicht. Senden Sie /mute (bis /unmute) oder eine Dauer: <code>/mute 8h</code>, <code>/mute 1d</code>, <code>/mute 1h30m</code> (1 Minute bis 365 Tage).",
		"unmuted":            "Stummschaltung aufgehoben: Nachrichten kommen wieder hierher.",
		"not_muted":          "Dieser Chat ist nicht stummgeschaltet.",
		"list_muted":         "🔕 Stummgeschaltet bis /unmute.",
		"list_muted_until":   "🔕 Stummgeschaltet bis %s.",
		"cmd_export":         "Ihre Feeds als OPML-Datei",
		"cmd_mute":           "Nachrichten pausieren (z. B. /mute 8h)",
		"cmd_unmute":         "Nachrichten wieder erhalten",
		"help_more":          "/export – Ihre Feeds als OPML-Datei für einen Feed-Reader\n/mute [<i>8h</i>, <i>1d</i>] – Nachrichten pausieren (bis /unmute oder eine Weile)\n/unmute – Nachrichten wieder erhalten",
		"list_feeds":         "Feeds für Ihren Feed-Reader:",
		"list_opml":          "… und alle Feeds auf einmal: <a href=\"%s\">OPML</a>",
		"help_group":         "In einer Gruppe können nur ihre Administratoren ändern, was sie verfolgt und in welcher Sprache.",
		"followed_many":      "Sie folgen jetzt %s. Neue Nachrichten kommen hierher.",
		"already_many":       "Sie folgen %s bereits.",
		"unfollowed_many":    "Sie folgen %s nicht mehr.",
		"not_following_many": "Sie folgten %s nicht.",
		"followed_all":       "Sie folgen jetzt allen %d Partnerstädten. Neue Nachrichten kommen hierher.",
		"unfollowed_all":     "Sie folgen keiner Partnerstadt mehr.",
		"unknown_cities":     "Partnerstädte namens %s kenne ich nicht. /partners zeigt alle.",
		"quoted":             "„%s“",
		"unfollow_menu":      "Tippen Sie auf eine Stadt, um ihr nicht mehr zu folgen:",
		"admins_only":        "Nur die Administratoren dieser Gruppe können ändern, was sie verfolgt.",
		"admin_check_failed": "Ich konnte nicht prüfen, ob Sie diese Gruppe verwalten. Bitte versuchen Sie es in einer Minute noch einmal.",
		"welcome":            "Hallo! Ich schicke Ihnen Nachrichten über die Partnerstädte von %s. Tippen Sie auf eine Stadt, um ihr zu folgen, oder senden Sie /help.",
		"followed":           "Sie folgen jetzt <b>%s</b>. Neue Nachrichten kommen hierher.",
		"already":            "Sie folgen <b>%s</b> bereits.",
		"unfollowed":         "Sie folgen <b>%s</b> nicht mehr.",
		"not_following":      "Sie folgten <b>%s</b> nicht.",
		"unknown_city":       "Eine Partnerstadt „%s“ kenne ich nicht. /partners zeigt alle.",
		"which_city":         "Welche Stadt? Zum Beispiel <code>/%s %s</code>, oder wählen Sie mit /partners.",
		"list":               "Sie folgen: %s",
		"list_empty":         "Sie folgen noch keiner Partnerstadt. Wählen Sie mit /partners.",
		"latest":             "Neueste Nachrichten über <b>%s</b>:",
		"latest_all":         "Neueste Nachrichten aus den Städtepartnerschaften:",
		"no_news":            "Noch keine Nachrichten.",
		"choose_lang":        "Wählen Sie Ihre Sprache:",
		"lang_set":           "Ich spreche jetzt Deutsch mit Ihnen.",
		"stopped":            "Erledigt: Ich habe diesen Chat und seine Auswahl vergessen. Mit /start geht es von vorn los.",
		"partners":           "Tippen Sie auf eine Stadt, um ihr zu folgen oder nicht mehr zu folgen:",
		"did_you_mean":       "Möchten Sie Nachrichten über <b>%s</b>? Senden Sie /follow %s.",
		"unknown_cmd":        "Diesen Befehl kenne ich nicht.",
		"unknown_text":       "Ich verstehe nur Befehle. Mit /partners wählen Sie Städte, /help erklärt alles.",
		"read_more":          "Zum Artikel",
		"cb_followed":        "Sie folgen %s",
		"cb_unfollowed":      "Sie folgen %s nicht mehr",
		"help": "Ich schicke Ihnen Nachrichten über die Partnerstädte von %s.\n\n" +
			"/partners – Städte antippen und auswählen\n/follow <i>Stadt</i> [<i>Stadt</i> …] – Städten folgen (<code>all</code>: allen)\n" +
			"/unfollow [<i>Stadt</i> …] – nicht mehr folgen (ohne Stadt: antippen)\n/list – was Sie verfolgen\n" +
			"/latest [<i>Stadt</i>] – die letzten fünf Artikel\n/language – Sprache ändern\n" +
			"/stop – diesen Chat vergessen\n/help – dieser Text",
		"cmd_start": "Starten und Partnerstädte wählen", "cmd_partners": "Partnerstädte wählen",
		"cmd_follow": "Partnerstädten folgen (oder allen)", "cmd_unfollow": "Partnerstädten nicht mehr folgen (oder allen)",
		"cmd_list": "Was Sie verfolgen, mit Feed-Links", "cmd_latest": "Die neuesten Artikel",
		"cmd_language": "Sprache ändern", "cmd_stop": "Diesen Chat vergessen", "cmd_help": "Hilfe",
	},
	"fr": {
		"export_empty":       "Vous ne suivez encore aucune ville : aucun flux à exporter. Choisissez avec /partners.",
		"export_caption":     "Les flux Atom des %d villes que vous suivez, en OPML : importez ce fichier dans votre lecteur de flux.",
		"export_title":       "%s : flux des villes jumelées",
		"muted":              "En sourdine : je n’envoie plus de nouvelles ici jusqu’à /unmute. Vos abonnements restent.",
		"muted_until":        "En sourdine jusqu’au %s : les nouvelles publiées entre-temps ne sont pas envoyées ici (/latest les montre). /unmute y met fin plus tôt.",
		"mute_bad":           "Je ne comprends pas « %s ». Envoyez /mute (jusqu’à /unmute) ou une durée : <code>/mute 8h</code>, <code>/mute 1d</code>, <code>/mute 1h30m</code> (1 minute à 365 jours).",
		"unmuted":            "Sourdine levée : les nouvelles arrivent de nouveau ici.",
		"not_muted":          "Cette conversation n’est pas en sourdine.",
		"list_muted":         "🔕 En sourdine jusqu’à /unmute.",
		"list_muted_until":   "🔕 En sourdine jusqu’au %s.",
		"cmd_export":         "Vos flux en fichier OPML",
		"cmd_mute":           "Mettre en pause (par exemple /mute 8h)",
		"cmd_unmute":         "Reprendre les nouvelles",
		"help_more":          "/export – vos flux en fichier OPML pour un lecteur de flux\n/mute [<i>8h</i>, <i>1d</i>] – mettre les nouvelles en pause (jusqu’à /unmute, ou un moment)\n/unmute – reprendre les nouvelles",
		"list_feeds":         "Flux pour votre lecteur de flux :",
		"list_opml":          "… et tous les flux d’un coup : <a href=\"%s\">OPML</a>",
		"help_group":         "Dans un groupe, seuls ses administrateurs peuvent modifier ses abonnements et sa langue.",
		"followed_many":      "Vous suivez maintenant %s. Leurs nouvelles arriveront ici.",
		"already_many":       "Vous suivez déjà %s.",
		"unfollowed_many":    "Vous ne suivez plus %s.",
		"not_following_many": "Vous ne suiviez pas %s.",
		"followed_all":       "Vous suivez maintenant les %d villes jumelées. Leurs nouvelles arriveront ici.",
		"unfollowed_all":     "Vous ne suivez plus aucune ville jumelée.",
		"unknown_cities":     "Je ne connais pas de villes jumelées %s. /partners les montre toutes.",
		"quoted":             "« %s »",
		"unfollow_menu":      "Touchez une ville pour ne plus la suivre :",
		"admins_only":        "Seuls les administrateurs de ce groupe peuvent modifier ce qu’il suit.",
		"admin_check_failed": "Je n’ai pas pu vérifier si vous administrez ce groupe. Réessayez dans une minute.",
		"welcome":            "Bonjour ! Je vous envoie les nouvelles des villes jumelées avec %s. Touchez une ville pour la suivre, ou envoyez /help.",
		"followed":           "Vous suivez maintenant <b>%s</b>. Ses nouvelles arriveront ici.",
		"already":            "Vous suivez déjà <b>%s</b>.",
		"unfollowed":         "Vous ne suivez plus <b>%s</b>.",
		"not_following":      "Vous ne suiviez pas <b>%s</b>.",
		"unknown_city":       "Je ne connais pas de ville jumelée « %s ». /partners les montre toutes.",
		"which_city":         "Quelle ville ? Par exemple <code>/%s %s</code>, ou choisissez avec /partners.",
		"list":               "Vous suivez : %s",
		"list_empty":         "Vous ne suivez encore aucune ville. Choisissez avec /partners.",
		"latest":             "Dernières nouvelles de <b>%s</b> :",
		"latest_all":         "Dernières nouvelles des jumelages :",
		"no_news":            "Pas encore de nouvelles.",
		"choose_lang":        "Choisissez votre langue :",
		"lang_set":           "Je vous parle maintenant en français.",
		"stopped":            "C’est fait : j’ai oublié cette conversation et ses abonnements. Envoyez /start pour recommencer.",
		"partners":           "Touchez une ville pour la suivre ou ne plus la suivre :",
		"did_you_mean":       "Voulez-vous les nouvelles de <b>%s</b> ? Envoyez /follow %s.",
		"unknown_cmd":        "Je ne connais pas cette commande.",
		"unknown_text":       "Je ne comprends que des commandes. Envoyez /partners pour choisir des villes, ou /help.",
		"read_more":          "Lire l’article",
		"cb_followed":        "Vous suivez %s",
		"cb_unfollowed":      "Vous ne suivez plus %s",
		"help": "Je vous envoie les nouvelles des villes jumelées avec %s.\n\n" +
			"/partners – choisir des villes\n/follow <i>ville</i> [<i>ville</i> …] – suivre des villes (<code>all</code> : toutes)\n" +
			"/unfollow [<i>ville</i> …] – ne plus suivre (sans ville : choisir en touchant)\n/list – ce que vous suivez\n" +
			"/latest [<i>ville</i>] – les cinq derniers articles\n/language – changer de langue\n" +
			"/stop – oublier cette conversation\n/help – ce texte",
		"cmd_start": "Démarrer et choisir des villes", "cmd_partners": "Choisir des villes jumelées",
		"cmd_follow": "Suivre des villes (ou toutes)", "cmd_unfollow": "Ne plus suivre des villes (ou aucune)",
		"cmd_list": "Ce que vous suivez, avec les flux", "cmd_latest": "Les derniers articles",
		"cmd_language": "Changer de langue", "cmd_stop": "Oublier cette conversation", "cmd_help": "Aide",
	},
	"nl": {
		"export_empty":       "Je volgt nog geen partnerstad, dus er zijn geen feeds om te exporteren. Kies met /partners.",
		"export_caption":     "De Atom-feeds van de %d steden die je volgt, als OPML: importeer dit bestand in je feedlezer.",
		"export_title":       "%s: feeds van de partnersteden",
		"muted":              "Gedempt: ik stuur hier geen nieuws tot /unmute. Wat je volgt blijft staan.",
		"muted_until":        "Gedempt tot %s: nieuws van die tijd komt niet hier (/latest toont het). /unmute beëindigt het eerder.",
		"mute_bad":           "Ik begrijp „%s” niet. Stuur /mute (tot /unmute) of een duur: <code>/mute 8h</code>, <code>/mute 1d</code>, <code>/mute 1h30m</code> (1 minuut tot 365 dagen).",
		"unmuted":            "Niet meer gedempt: het nieuws komt weer hier binnen.",
		"not_muted":          "Deze chat is niet gedempt.",
		"list_muted":         "🔕 Gedempt tot /unmute.",
		"list_muted_until":   "🔕 Gedempt tot %s.",
		"cmd_export":         "Je feeds als OPML-bestand",
		"cmd_mute":           "Nieuws pauzeren (bijvoorbeeld /mute 8h)",
		"cmd_unmute":         "Nieuws weer ontvangen",
		"help_more":          "/export – je feeds als OPML-bestand voor een feedlezer\n/mute [<i>8h</i>, <i>1d</i>] – nieuws pauzeren (tot /unmute, of een tijdje)\n/unmute – nieuws weer ontvangen",
		"list_feeds":         "Feeds voor je feedlezer:",
		"list_opml":          "… en alle feeds in één keer: <a href=\"%s\">OPML</a>",
		"help_group":         "In een groep kunnen alleen de beheerders wijzigen wat ze volgt en in welke taal.",
		"followed_many":      "Je volgt nu %s. Het nieuws komt hier binnen.",
		"already_many":       "Je volgt %s al.",
		"unfollowed_many":    "Je volgt %s niet meer.",
		"not_following_many": "Je volgde %s niet.",
		"followed_all":       "Je volgt nu alle %d partnersteden. Het nieuws komt hier binnen.",
		"unfollowed_all":     "Je volgt geen enkele partnerstad meer.",
		"unknown_cities":     "Ik ken geen partnersteden %s. /partners toont ze allemaal.",
		"quoted":             "„%s”",
		"unfollow_menu":      "Tik op een stad om haar niet meer te volgen:",
		"admins_only":        "Alleen de beheerders van deze groep kunnen wijzigen wat ze volgt.",
		"admin_check_failed": "Ik kon niet nagaan of je deze groep beheert. Probeer het over een minuut opnieuw.",
		"welcome":            "Hallo! Ik stuur je nieuws over de partnersteden van %s. Tik op een stad om haar te volgen, of stuur /help.",
		"followed":           "Je volgt nu <b>%s</b>. Het nieuws komt hier binnen.",
		"already":            "Je volgt <b>%s</b> al.",
		"unfollowed":         "Je volgt <b>%s</b> niet meer.",
		"not_following":      "Je volgde <b>%s</b> niet.",
		"unknown_city":       "Ik ken geen partnerstad „%s”. /partners toont ze allemaal.",
		"which_city":         "Welke stad? Bijvoorbeeld <code>/%s %s</code>, of kies met /partners.",
		"list":               "Je volgt: %s",
		"list_empty":         "Je volgt nog geen partnerstad. Kies met /partners.",
		"latest":             "Laatste nieuws over <b>%s</b>:",
		"latest_all":         "Laatste nieuws uit de stedenbanden:",
		"no_news":            "Nog geen nieuws.",
		"choose_lang":        "Kies je taal:",
		"lang_set":           "Ik spreek nu Nederlands met je.",
		"stopped":            "Klaar: ik ben deze chat en wat hij volgde vergeten. Stuur /start om opnieuw te beginnen.",
		"partners":           "Tik op een stad om haar te volgen of niet meer te volgen:",
		"did_you_mean":       "Wil je nieuws over <b>%s</b>? Stuur /follow %s.",
		"unknown_cmd":        "Dat commando ken ik niet.",
		"unknown_text":       "Ik begrijp alleen commando's. Stuur /partners om steden te kiezen, of /help.",
		"read_more":          "Lees het artikel",
		"cb_followed":        "Je volgt %s",
		"cb_unfollowed":      "Je volgt %s niet meer",
		"help": "Ik stuur je nieuws over de partnersteden van %s.\n\n" +
			"/partners – steden kiezen door te tikken\n/follow <i>stad</i> [<i>stad</i> …] – steden volgen (<code>all</code>: alle)\n" +
			"/unfollow [<i>stad</i> …] – niet meer volgen (zonder stad: tikken)\n/list – wat je volgt\n" +
			"/latest [<i>stad</i>] – de laatste vijf artikelen\n/language – taal wijzigen\n" +
			"/stop – deze chat vergeten\n/help – deze tekst",
		"cmd_start": "Starten en partnersteden kiezen", "cmd_partners": "Partnersteden kiezen",
		"cmd_follow": "Partnersteden volgen (of alle)", "cmd_unfollow": "Partnersteden niet meer volgen (of alle)",
		"cmd_list": "Wat je volgt, met feedlinks", "cmd_latest": "De laatste artikelen",
		"cmd_language": "Taal wijzigen", "cmd_stop": "Deze chat vergeten", "cmd_help": "Hulp",
	},
	"uk": {
		"export_empty":       "Ви ще не стежите за жодним містом, тож експортувати нічого. Оберіть через /partners.",
		"export_caption":     "Atom-стрічки міст, за якими ви стежите (%d), у форматі OPML: імпортуйте файл у свій RSS-читач.",
		"export_title":       "%s: стрічки міст-партнерів",
		"muted":              "Звук вимкнено: я не надсилатиму сюди новин до /unmute. Ваші підписки залишаються.",
		"muted_until":        "Звук вимкнено до %s: новини за цей час сюди не надходитимуть (/latest їх покаже). /unmute завершить раніше.",
		"mute_bad":           "Я не розумію «%s». Надішліть /mute (до /unmute) або тривалість: <code>/mute 8h</code>, <code>/mute 1d</code>, <code>/mute 1h30m</code> (від 1 хвилини до 365 днів).",
		"unmuted":            "Звук увімкнено: новини знову надходитимуть сюди.",
		"not_muted":          "У цьому чаті звук не вимкнено.",
		"list_muted":         "🔕 Звук вимкнено до /unmute.",
		"list_muted_until":   "🔕 Звук вимкнено до %s.",
		"cmd_export":         "Ваші стрічки у файлі OPML",
		"cmd_mute":           "Призупинити новини (наприклад /mute 8h)",
		"cmd_unmute":         "Відновити новини",
		"help_more":          "/export – ваші стрічки у файлі OPML для RSS-читача\n/mute [<i>8h</i>, <i>1d</i>] – призупинити новини (до /unmute або на час)\n/unmute – відновити новини",
		"list_feeds":         "Стрічки для вашого RSS-читача:",
		"list_opml":          "… і всі стрічки разом: <a href=\"%s\">OPML</a>",
		"help_group":         "У групі лише її адміністратори можуть змінювати підписки та мову.",
		"followed_many":      "Тепер ви стежите за %s. Новини надходитимуть сюди.",
		"already_many":       "Ви вже стежите за %s.",
		"unfollowed_many":    "Ви більше не стежите за %s.",
		"not_following_many": "Ви не стежили за %s.",
		"followed_all":       "Тепер ви стежите за всіма містами-партнерами (%d). Новини надходитимуть сюди.",
		"unfollowed_all":     "Ви більше не стежите за жодним містом-партнером.",
		"unknown_cities":     "Я не знаю міст-партнерів %s. /partners покаже всі.",
		"quoted":             "«%s»",
		"unfollow_menu":      "Торкніться міста, щоб припинити стежити за ним:",
		"admins_only":        "Лише адміністратори цієї групи можуть змінювати її підписки.",
		"admin_check_failed": "Не вдалося перевірити, чи ви адміністратор цієї групи. Спробуйте ще раз за хвилину.",
		"welcome":            "Вітаю! Я надсилаю новини про міста-партнери міста %s. Торкніться міста, щоб стежити за ним, або надішліть /help.",
		"followed":           "Тепер ви стежите за <b>%s</b>. Новини надходитимуть сюди.",
		"already":            "Ви вже стежите за <b>%s</b>.",
		"unfollowed":         "Ви більше не стежите за <b>%s</b>.",
		"not_following":      "Ви не стежили за <b>%s</b>.",
		"unknown_city":       "Я не знаю міста-партнера «%s». /partners покаже всі.",
		"which_city":         "Яке місто? Наприклад <code>/%s %s</code>, або оберіть через /partners.",
		"list":               "Ви стежите за: %s",
		"list_empty":         "Ви ще не стежите за жодним містом. Оберіть через /partners.",
		"latest":             "Останні новини про <b>%s</b>:",
		"latest_all":         "Останні новини партнерства:",
		"no_news":            "Новин поки немає.",
		"choose_lang":        "Оберіть мову:",
		"lang_set":           "Тепер я розмовляю з вами українською.",
		"stopped":            "Готово: я забув цей чат і його підписки. Надішліть /start, щоб почати знову.",
		"partners":           "Торкніться міста, щоб стежити або припинити стежити:",
		"did_you_mean":       "Хочете новини про <b>%s</b>? Надішліть /follow %s.",
		"unknown_cmd":        "Я не знаю цієї команди.",
		"unknown_text":       "Я розумію лише команди. Надішліть /partners, щоб обрати міста, або /help.",
		"read_more":          "Читати статтю",
		"cb_followed":        "Ви стежите за %s",
		"cb_unfollowed":      "Ви більше не стежите за %s",
		"help": "Я надсилаю новини про міста-партнери міста %s.\n\n" +
			"/partners – обрати міста дотиком\n/follow <i>місто</i> [<i>місто</i> …] – стежити за містами (<code>all</code>: за всіма)\n" +
			"/unfollow [<i>місто</i> …] – припинити стежити (без міста: обрати дотиком)\n/list – за чим ви стежите\n" +
			"/latest [<i>місто</i>] – п’ять останніх статей\n/language – змінити мову\n" +
			"/stop – забути цей чат\n/help – цей текст",
		"cmd_start": "Почати й обрати міста", "cmd_partners": "Обрати міста-партнери",
		"cmd_follow": "Стежити за містами (або всіма)", "cmd_unfollow": "Припинити стежити за містами (або всіма)",
		"cmd_list": "За чим ви стежите, з посиланнями на стрічки", "cmd_latest": "Останні статті",
		"cmd_language": "Змінити мову", "cmd_stop": "Забути цей чат", "cmd_help": "Довідка",
	},
}
