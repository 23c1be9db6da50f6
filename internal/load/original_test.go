package load

import (
	"slices"
	"testing"
	"testing/fstest"
)

func TestOriginalDocument(t *testing.T) {
	source := func(original string) string {
		return "---\ntitle: S\noriginal: " + original + "\n---\nText.\n"
	}
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		data  string
		diags []string
	}{
		{"a PDF beside the text", fstest.MapFS{"sources/s-2020.txt": {Data: []byte(source("s-2020.pdf"))}, "sources/s-2020.pdf": {Data: []byte("%PDF-1.7")}}, "%PDF-1.7", nil},
		{"a saved web page", fstest.MapFS{"sources/s-2020.txt": {Data: []byte(source("s-2020.html"))}, "sources/s-2020.html": {Data: []byte("<html>")}}, "<html>", nil},
		{"missing", fstest.MapFS{"sources/s-2020.txt": {Data: []byte(source("s-2020.pdf"))}}, "",
			[]string{`c/sources/s-2020.txt:3:11: original "s-2020.pdf": file does not exist`}},
		{"another source's name", fstest.MapFS{"sources/s-2020.txt": {Data: []byte(source("t-2020.pdf"))}, "sources/t-2020.pdf": {Data: []byte("%PDF")}}, "",
			[]string{`c/sources/s-2020.txt:3:11: original "t-2020.pdf" must be the source's slug with .pdf or .html (s-2020.pdf, s-2020.html), beside its text`}},
		{"a path out of the folder", fstest.MapFS{"sources/s-2020.txt": {Data: []byte(source("../dossier.yaml"))}}, "",
			[]string{`c/sources/s-2020.txt:3:11: original "../dossier.yaml" must be the source's slug with .pdf or .html (s-2020.pdf, s-2020.html), beside its text`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Load(withConfig(tt.fsys), "c")
			if got := diagStrings(diags); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics %q, want %q", got, tt.diags)
			}
			if len(c.Sources) != 1 || string(c.Sources[0].OriginalData) != tt.data {
				t.Errorf("sources %+v", c.Sources)
			}
		})
	}
}
