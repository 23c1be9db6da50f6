package load

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-dev/dossier/internal/site"
)

// onlyKnownFields decides whether front matter can be decoded from its
// parsed YAML or must be parsed again: it must never miss an unknown
// field, and should not send ordinary front matter the slow way.
func TestOnlyKnownFields(t *testing.T) {
	type source struct {
		site.SourceMeta `yaml:",inline"`
		Cleaning        site.CleaningRules `yaml:"cleaning"`
	}
	tests := []struct {
		yaml string
		into any
		want bool
	}{
		{"title: T\nthemes: [a, b]\n", site.Config{}, true},
		{"title: T\ncolour: red\n", site.Config{}, false},
		{"title: S\ncite: C\ncleaning: {drop: [1]}\n", source{}, true},
		{"title: S\ncleaning: {keep_all: true}\n", source{}, false},
		{"- {date: 2013, themes: [a]}\n", []eventFront{}, true},
		{"- {date: 2013, where: x}\n", []eventFront{}, false},
		{"title: [a, b]\nthemes: {a: b}\n", site.Config{}, true},
		{"title: &t T\nsubtitle: *t\n", site.Config{}, false},
		{"<<: {title: T}\n", site.Config{}, false},
		{"1: T\n", site.Config{}, false},
	}
	for _, tt := range tests {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(tt.yaml), &root); err != nil {
			t.Fatal(err)
		}
		if got := onlyKnownFields(root.Content[0], reflect.TypeOf(tt.into)); got != tt.want {
			t.Errorf("onlyKnownFields(%q, %T) = %v, want %v", tt.yaml, tt.into, got, tt.want)
		}
	}
}
