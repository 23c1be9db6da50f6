package linkcheck_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/output"
)

// Every page of the shipped dossier is valid HTML5 by html-validate's
// recommended rules and the WCAG rules it checks, as configured in the
// repository's .htmlvalidate.json (which says where it departs from
// them). .ci/run installs html-validate; elsewhere set HTML_VALIDATE to
// its path, or the test skips.
func TestShippedSiteValidates(t *testing.T) {
	bin := os.Getenv("HTML_VALIDATE")
	if bin == "" {
		bin, _ = exec.LookPath("html-validate")
	}
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and no html-validate (.ci/run installs it with npm; or set HTML_VALIDATE)")
		}
		t.Skip("skipping: no html-validate; npm install html-validate@9 and set HTML_VALIDATE to its bin/html-validate")
	}
	res, diags, err := build.New(build.Options{Content: "../../content"}).Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := output.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for p := range res.Files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, filepath.Join(dir, filepath.FromSlash(p)))
		}
	}
	config, err := filepath.Abs("../../.htmlvalidate.json")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append([]string{"--config", config}, pages...)...).CombinedOutput()
	if err != nil {
		t.Errorf("html-validate finds faults in the shipped site (%v):\n%s", err, out)
	}
	if len(pages) < 50 {
		t.Errorf("validated only %d pages", len(pages))
	}
}
