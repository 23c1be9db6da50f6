package linkcheck_test

import (
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/linkcheck"
)

// TestShippedSite builds the dossier in content/ in memory and checks
// every link, anchor and page of it: the published site must have none
// broken.
func TestShippedSite(t *testing.T) {
	res, diags, err := build.New(build.Options{Content: "../../content"}).Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("the shipped content does not build:\n%v", diags)
	}
	rep := linkcheck.Check(res.Files, linkcheck.Options{})
	for _, p := range rep.Problems {
		t.Error(p)
	}
	if rep.Pages < 50 || rep.Links < 1000 {
		t.Errorf("checked only %d pages and %d links: the checker is not seeing the site", rep.Pages, rep.Links)
	}
	t.Logf("%d pages, %d internal links, %d external URLs", rep.Pages, rep.Links, rep.External)
}
