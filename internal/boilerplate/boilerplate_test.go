package boilerplate

import "testing"

func TestPhrases(t *testing.T) {
	tests := []struct {
		text    string
		phrases []string
		is      bool
		starts  bool
	}{
		{"Weiterlesen »", ReadMore, true, true},
		{"  Lire la suite…", ReadMore, true, true},
		{"Lees meer ›", ReadMore, true, true},
		{"Weiter", ReadMore, false, false},
		{"Nächste Seite »", NextPage, true, true},
		{"weiterlesen", NextPage, false, false},
		{"« Vorheriger Beitrag", PostNav, true, true},
		{"Seite teilen: Facebook E-Mail Drucken", Share, false, true},
		{"Teilnahme am Fest", Share, false, false},
		{"Zurück zur Übersicht", Back, true, true},
		{"Pressekontakt: Stadt Musterstadt", Contact, false, true},
		{"Kontaktlinsen", Contact, false, false},
		{"Вы тут", Breadcrumbs, false, false},
		{"Ви тут: Головна", Breadcrumbs, false, true},
	}
	for _, tt := range tests {
		if got := Is(tt.text, tt.phrases); got != tt.is {
			t.Errorf("Is(%q) = %v", tt.text, got)
		}
		if got := Starts(tt.text, tt.phrases); got != tt.starts {
			t.Errorf("Starts(%q) = %v", tt.text, got)
		}
	}
}

func TestIsLoadMore(t *testing.T) {
	for label, want := range map[string]bool{
		"Mehr laden": true, "Weitere Pressemitteilungen laden": true, "Show more stories": true,
		"Voir plus d'actualités": true, "Meer nieuws laden": true, "Показати більше": true,
		"Mehr": false, "Weiterlesen": false, "Laden Sie die Broschüre herunter": false, "": false,
	} {
		if got := IsLoadMore(label); got != want {
			t.Errorf("IsLoadMore(%q) = %v", label, got)
		}
	}
}

// TestListsAreFolded guards the lists themselves: a phrase that Fold would
// change could never match.
func TestListsAreFolded(t *testing.T) {
	for _, l := range [][]string{SkipLinks, TeaserHeadings, ReadMore, NextPage, LoadMore, PostNav, Share, Print, Home,
		Back, Breadcrumbs, Cookies, Comments, Contact} {
		for _, p := range l {
			if Fold(p) != p || p == "" {
				t.Errorf("phrase %q is not folded (%q)", p, Fold(p))
			}
		}
	}
}
