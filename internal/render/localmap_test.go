package render_test

import (
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/render"
)

// A page's local map reads its neighbourhood from the index rather than
// from the whole map of links. It must be the whole map's, node for
// node, with the same directions and weights: on the shipped dossier,
// and on a generated one where themes and sources have hundreds of
// neighbours and notes name entities.
func TestLocalMapsMatchTheWholeMap(t *testing.T) {
	for name, content := range shippedAndGenerated(t) {
		t.Run(name, func(t *testing.T) {
			res, diags, err := build.New(build.Options{Content: content, OneShot: true}).Site()
			if err != nil || len(diags) > 0 {
				t.Fatalf("site: %v %v", err, diags)
			}
			local, whole := render.Neighbourhoods(res.Site)
			if len(whole) < 10 {
				t.Fatalf("the whole map joins only %d nodes", len(whole))
			}
			for slug, want := range whole {
				if got := local[slug]; !slices.Equal(got, want) {
					t.Errorf("%s: neighbours from the index\n%q\nwant, as the whole map has them,\n%q", slug, got, want)
				}
			}
			for slug := range local {
				if _, ok := whole[slug]; !ok {
					t.Errorf("%s: neighbours from the index %q, none on the whole map", slug, local[slug])
				}
			}
			most := 0
			for _, n := range whole {
				most = max(most, len(n))
			}
			if most < 100 && name == "generated" {
				t.Errorf("the busiest node has %d neighbours, want hundreds to weigh", most)
			}
		})
	}
}
