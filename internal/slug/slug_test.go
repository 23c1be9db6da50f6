package slug_test

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/slug"
)

func TestMake(t *testing.T) {
	tests := []struct {
		title string
		limit int
		want  string
	}{
		{"Kŭlob airfield", 80, "kulob-airfield"},
		{"Šymkent", 80, "symkent"},
		// The same letters typed as a base letter and a combining mark.
		{"Ku\u0306lob, S\u030cymkent", 80, "kulob-symkent"},
		{"Afganistán: ¿qué pasa?", 80, "afganistan-que-pasa"},
		{"The CSTO’s 2022 Mission", 80, "the-cstos-2022-mission"},
		{"Tajikistan's border", 80, "tajikistans-border"},
		{"  --Hello,   World!--  ", 80, "hello-world"},
		{"Łódź, Straße, Ærø, Þórshöfn", 80, "lodz-strasse-aero-thorshofn"},
		{"ﬁnal ﬂights", 80, "final-flights"},
		// Cyrillic, romanised.
		{"Организация Договора о коллективной безопасности", 80, "organizatsiya-dogovora-o-kollektivnoy-bezopasnosti"},
		{"Дмитрий Медведев, Ёлка, подъезд", 80, "dmitriy-medvedev-elka-podezd"},
		{"Шымкент, Қазақстан", 80, "shymkent-qazaqstan"},
		{"Ўзбекистон, Ғарм, Ҷиликӯл", 80, "ozbekiston-gharm-jilikul"},
		// Letters Ukrainian shares with Russian read as in Russian.
		{"Їжак і Рівне, Київ", 80, "yizhak-i-rivne-kiyiv"},
		{"Операция «Кобальт» 2021", 80, "operatsiya-kobalt-2021"},
		// Scripts with no romanisation here give nothing.
		{"東京", 80, ""},
		{"", 80, ""},
		{"—", 80, ""},
		// Cut at a word's end, within the limit.
		{strings.Repeat("word ", 40), 80, strings.TrimSuffix(strings.Repeat("word-", 15), "-") + "-word"},
		{"abcd efgh ijkl", 12, "abcd-efgh"},
		{strings.Repeat("a", 300), 80, strings.Repeat("a", 80)},
		{strings.Repeat("Ш", 100), 80, strings.Repeat("sh", 40)},
	}
	for _, tt := range tests {
		if got := slug.Make(tt.title, tt.limit); got != tt.want {
			t.Errorf("Make(%q, %d) = %q, want %q", tt.title, tt.limit, got, tt.want)
		}
	}
}

// FuzzMake checks that a slug is one, within its limit, or nothing.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"Kŭlob airfield", "Организация Договора", "a’b'c", "ﬁ½①", "\xff\x00-"} {
		f.Add(s, 80)
	}
	f.Fuzz(func(t *testing.T, title string, limit int) {
		limit = 1 + int(uint(limit)%200)
		got := slug.Make(title, limit)
		if got != "" && !load.ValidSlug(got) || len(got) > limit {
			t.Fatalf("Make(%q, %d) = %q", title, limit, got)
		}
	})
}
