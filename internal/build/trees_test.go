package build

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/resolve"
)

// TestOneShotBuildLetsNoteTreesGo checks that writing a one-shot build's
// site lets each note's syntax tree be collected once its page, the
// search index and the audit have read it: nothing else may hold one,
// as the citations' sentences did through their wikilinks. The shipped
// notes cite with quotes, and the print edition, which does not count
// as a reader, reads them all.
func TestOneShotBuildLetsNoteTreesGo(t *testing.T) {
	res, diags, err := New(Options{Content: "../../content", OneShot: true}).Site()
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	var collected atomic.Int32
	notes := int32(0)
	for _, p := range res.Index.Parsed {
		if p.Kind == resolve.KindNote {
			notes++
			runtime.AddCleanup(p.AST().(*ast.Document), func(c *atomic.Int32) { c.Add(1) }, &collected)
		}
	}
	if diags, err := res.Site.To(discard{}); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	for deadline := time.Now().Add(10 * time.Second); collected.Load() < notes && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if kept := notes - collected.Load(); kept > 0 {
		t.Errorf("%d of %d note trees were kept after the site was written", kept, notes)
	}
	// The site and its index stay: what they hold is what is tested.
	runtime.KeepAlive(res)
}
