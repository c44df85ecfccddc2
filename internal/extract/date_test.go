package extract

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	d := func(y int, m time.Month, day, h, mi, s int) time.Time {
		return time.Date(y, m, day, h, mi, s, 0, berlin)
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Veröffentlicht am: 24.11.2022", d(2022, 11, 24, 0, 0, 0)},
		{"24. November 2022", d(2022, 11, 24, 0, 0, 0)},
		{"Donnerstag, 24. Nov. 2022, 16.30 Uhr", d(2022, 11, 24, 16, 30, 0)},
		{"Zuletzt geändert: 05.02.2019 18:13:02 CET", d(2019, 2, 5, 18, 13, 2)},
		{"am 3.5.2024 um 9:05 Uhr", d(2024, 5, 3, 9, 5, 0)},
		{"1. März 2023", d(2023, 3, 1, 0, 0, 0)},
		{"2022-11-24", d(2022, 11, 24, 0, 0, 0)},
		{"2024-06-30T14:00:00+02:00", time.Date(2024, 6, 30, 12, 0, 0, 0, time.UTC)},
		{"2024-01-05T08:00:00Z", time.Date(2024, 1, 5, 8, 0, 0, 0, time.UTC)},
		{"Teil 55: 1964 und die Folgen (05.02.2019)", d(2019, 2, 5, 0, 0, 0)},
		{"31. Oktober 2021 und 2.11.2021", d(2021, 10, 31, 0, 0, 0)},
		{"26.10.2025, 2:30 Uhr", d(2025, 10, 26, 2, 30, 0)},
		{"Mi., 03.07.2024 - 13:05", d(2024, 7, 3, 13, 5, 0)},
		{"Publié le 25 juin 2024 à 18h45", d(2024, 6, 25, 18, 45, 0)},
		{"le 1er juillet 2024", d(2024, 7, 1, 0, 0, 0)},
		{"Wednesday 26 June 2024, 3:04pm", d(2024, 6, 26, 15, 4, 0)},
		{"26 June 2024 at 12:30 am", d(2024, 6, 26, 0, 30, 0)},
		{"12 juni 2024 om 9:15", d(2024, 6, 12, 9, 15, 0)},
		{"3 maart 2024", d(2024, 3, 3, 0, 0, 0)},
		{"5 décembre 2023", d(2023, 12, 5, 0, 0, 0)},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in, berlin)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"Donnerstag, 21. November", "Teil 55: 1964", "31.02.2022", "16.30 Uhr", "", "1.1.1800"} {
		if got, ok := ParseDate(bad, berlin); ok {
			t.Errorf("ParseDate(%q) = %v, want no date", bad, got)
		}
	}
	if got, ok := ParseDate("24/11/2022", berlin, "02/01/2006"); !ok || !got.Equal(d(2022, 11, 24, 0, 0, 0)) {
		t.Errorf("layout: %v %v", got, ok)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Veröffentlicht am: 24.11.2022", "24. November 2022, 16.30 Uhr",
		"2024-06-30T14:00:00+02:00", "05.02.2019 18:13:02 CET", "31.02.2022", "9. Mai"} {
		f.Add(s)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s, berlin)
		if ok && (got.Year() < 1989 || got.Year() > 2101) {
			t.Fatalf("ParseDate(%q) = %v out of range", s, got)
		}
		if !ok && !got.IsZero() {
			t.Fatalf("ParseDate(%q) = %v without ok", s, got)
		}
	})
}
