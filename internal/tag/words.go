package tag

import "strings"

// Generic cue words in German, English, French and Dutch (folded). Nothing
// here names a city: every name comes from the configuration.

// cueParts mark a sentence about the partnership itself when a word contains
// them: partnership, visits, delegations, exchanges, joint projects, aid,
// anniversaries.
var cueParts = []string{"partner", "jumel", "twinning", "stedenband", "zusterst", "freundschaft",
	"vriendschap", "delegation", "delegatie", "abordnung", "besuch", "bezoek", "austausch",
	"uitwissel", "begegnung", "kooperation", "cooperation", "zusammenarbeit", "samenwerking",
	"jubilaum", "jahrestag", "anniversa", "jubileum", "hilfstransport", "hilfsgut", "hilfsliefer",
	"spende", "gereist", "angereist", "anreise", "gastfamilie", "unterzeichn", "absichtserklarung",
	"gegenbesuch", "solidaritat", "wiederaufbau"}

// cuePrefixes mark the same when a word starts with them.
var cuePrefixes = []string{"gast", "gaste", "empfang", "empfing", "empfange", "reise", "reist",
	"visit", "exchange", "echange", "hilfe", "hilfs", "ausflug", "praktikum", "aufenthalt",
	"treffen", "vertrag", "fahrt", "sister", "twin", "gedenk", "festakt", "besiegel",
	"ubergab", "ubergeb", "uberreich", "overhandig", "handed"} // a gift or aid handed over

// cueTypos are long cue words whose misspellings still count ("Parnerstadt").
var cueTypos = []string{"partnerstadt", "partnerschaft", "stadtepartnerschaft", "partnerstadte"}

func isCue(w string) bool {
	if len(w) < 4 {
		return false
	}
	for _, p := range cuePrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, p := range cueParts {
		if strings.Contains(w, p) {
			return true
		}
	}
	if len(w) >= 10 {
		for _, c := range cueTypos {
			if w[:2] == c[:2] && distance(w, c, 1) <= 1 {
				return true
			}
		}
	}
	return false
}

// twinWord marks a word meaning "twin town" ("Partnerstädte Leicesters").
func twinWord(w string) bool {
	return strings.Contains(w, "partnerstad") || strings.HasPrefix(w, "sister") ||
		strings.HasPrefix(w, "twin") || strings.HasPrefix(w, "jumel") || strings.HasPrefix(w, "zusterstad")
}

// streetWords after a name make it a street ("Venloer Straße", "Leicester Square").
var streetWords = setOf("strasse", "str", "weg", "platz", "allee", "ring", "gasse", "ufer", "damm",
	"chaussee", "pfad", "steig", "square", "street", "road", "avenue", "lane", "straat", "laan",
	"plein", "steenweg", "kade", "chemin")

// streetBefore are words that make the following name a street ("rue de Dunkerque").
var streetBefore = setOf("rue", "avenue", "boulevard", "place", "quai", "allee", "impasse")

// regionBefore/regionAfter make a name the region of the same name, not the city
// ("Militärverwaltung Kirowohrad", "Gebiet Kirowohrad", "Kirowohrader Gebiet").
var regionBefore = setOf("oblast", "gebiet", "rajon", "provinz", "province", "gouvernement", "okrug", "bezirk")
var regionAfter = setOf("oblast", "gebiet", "rajon", "provinz")

// determiners before a bare name make it a common noun ("des Leidens", "das Leiden").
var determiners = setOf("das", "des", "dem", "ein", "eines", "einem", "kein", "keine", "keines",
	"keinem", "ihr", "ihres", "ihrem", "sein", "seines", "seinem", "unser", "unseres", "unserem",
	"mein", "meines", "dein", "euer", "jedes", "jedem", "allem", "vieles", "solches", "dieses",
	"diesem", "grosses", "grossen", "vielen")

// placeWords before a name make it a place, not a person's first name
// ("aus Charlotte", "Partnerstadt Kayseri").
var placeWords = setOf("in", "im", "aus", "nach", "von", "vom", "bei", "mit", "zwischen", "und",
	"fur", "uber", "durch", "bis", "from", "to", "of", "de", "du", "uit", "naar", "van", "stadt",
	"city", "gemeente", "ville", "stad", "region", "landkreis", "kreis", "hauptstadt", "universitatsstadt")

// connectors after a name never make it a person's name ("Venlo und Leiden").
var connectors = setOf("und", "oder", "sowie", "and", "et", "en", "or")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
