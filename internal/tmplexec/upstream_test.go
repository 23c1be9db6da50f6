package tmplexec

import (
	"crypto/sha256"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// upstream are the declarations of $GOROOT/src/html/template that
// escape.go copies or depends on, by file, with the SHA-256 (first 16
// hex digits) of their source text in Go 1.26, doc comments left out.
// escape.go's natives stand for the funcMap entries of the same names.
var upstream = map[string]map[string]string{
	"html.go": {
		"htmlNospaceEscaper":          "40b6efeb66f18e98",
		"attrEscaper":                 "a2cf3e31b340c7a3",
		"rcdataEscaper":               "27ceca22d38c37d3",
		"htmlEscaper":                 "692733d64eff0499",
		"htmlReplacementTable":        "532ed9a631bb7c53",
		"htmlNormReplacementTable":    "c05bce1a8247a148",
		"htmlNospaceReplacementTable": "ed4f7e551bf6eefb",
		"htmlReplacer":                "690b412a274fc530",
	},
	"url.go": {
		"urlFilter":      "5a26320fcace8008",
		"isSafeURL":      "0626bca03ada00fa",
		"urlEscaper":     "1e9f871fb54db200",
		"urlNormalizer":  "3eec1a04d4aa43ea",
		"urlProcessor":   "421f8006ef184e4e",
		"processURLOnto": "26a650893f565548",
	},
	"css.go": {
		"isHex":               "7613ae91e0ad5d34",
		"isCSSSpace":          "658e608bfb479c47",
		"cssEscaper":          "efe80fa1807e7318",
		"cssReplacementTable": "34c7f228e4a26d1a",
	},
	"content.go": {
		"contentTypePlain":          "088a6b62e02551ae",
		"indirect":                  "a1aced3e2ba671ed",
		"indirectToStringerOrError": "c55bfd083e24ef9c",
		"stringify":                 "bdc2a8658f4ccb51",
	},
	"escape.go": {
		"funcMap": "f4de74c9e621bf51",
	},
}

// The escapers in escape.go are copies, so a fix Go makes to its own
// (a security fix, most likely) does not reach them. This test notices
// when the toolchain's html/template differs from the one they were
// copied from.
func TestEscapersMatchUpstream(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "src", "html", "template")
	for file, decls := range upstream {
		got, err := hashDecls(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("%v\nhtml/template has changed its files: find where the declarations below went, diff them against internal/tmplexec/escape.go, and update upstream in this test", err)
		}
		for name, want := range decls {
			if got[name] == want {
				continue
			}
			t.Errorf(`html/template's %s in %s is not the one internal/tmplexec copied (hash %q, recorded %q).
Go has changed its escaper, perhaps to fix a security bug. Diff %s in %s
against its copy in internal/tmplexec/escape.go (for funcMap: which escaper each
_html_template_ name is; for contentTypePlain: the content types), port the
change, run go test ./internal/tmplexec and its fuzz test for a while, and
then record the new hash in upstream in internal/tmplexec/upstream_test.go`, name, filepath.Join(dir, file), got[name], want, name, file)
		}
	}
}

// hashDecls hashes the source text of each top-level func, var and const
// of a Go file, by name, doc comments left out; a var or const group is
// hashed whole under each of its names.
func hashDecls(path string) (map[string]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	hash := func(n ast.Node) string {
		sum := sha256.Sum256(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
		return hex.EncodeToString(sum[:8])
	}
	hashes := map[string]string{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				hashes[d.Name.Name] = hash(d) // from func: Pos skips the doc comment
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if v, ok := spec.(*ast.ValueSpec); ok {
					for _, name := range v.Names {
						hashes[name.Name] = hash(d)
					}
				}
			}
		}
	}
	return hashes, nil
}
