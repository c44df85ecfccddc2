package typography

import "testing"

func TestFrench(t *testing.T) {
	for _, c := range []struct {
		text   string
		faults int
	}{
		{"Confirmer l’abonnement:", 1},
		{"Confirmer l’abonnement :\nhttps://x.example/confirm", 1},
		{"Confirmer l’abonnement\u00a0:\nhttps://x.example/confirm?a=b", 0},
		{"Bonjour ! Quelle ville ?", 2},
		{"Bonjour\u00a0! Quelle ville\u00a0?", 0},
		{"« Dunkerque »", 2},
		{"«\u00a0Dunkerque\u00a0»", 0},
		{"suspendre ici ; pour", 1},
		{"à 16:30, voir mailto:a@b.example et <!-- x -->", 0},
		{"Quoi\u00a0?!", 0},
	} {
		if got := French(c.text); len(got) != c.faults {
			t.Errorf("%q: %d faults %v, want %d", c.text, len(got), got, c.faults)
		}
	}
}

func FuzzFrench(f *testing.F) {
	f.Add("Pays\u00a0: %s « x » ?! https://a.example/?q=1 16:30")
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range French(s) {
			if line == "" {
				t.Fatal("an empty fault")
			}
		}
	})
}
