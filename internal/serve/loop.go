package serve

import (
	"context"
	"fmt"

	"github.com/dossier-dev/dossier/internal/watch"
)

// Watch rebuilds the site for every batch the watcher delivers, until ctx
// is done or the watcher is closed. Builds run one at a time: while one
// runs, the watcher merges further changes into the next batch, so a
// burst of saves costs at most one build more than it needs.
func (s *Server) Watch(ctx context.Context, w *watch.Watcher) {
	errs := w.Errors()
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-w.Batches():
			if !ok {
				return
			}
			s.Rebuild(b.Paths)
		case err, ok := <-errs:
			if !ok {
				errs = nil // closed with the watcher; Batches ends the loop
				continue
			}
			// A folder that could not be watched does not stop the
			// preview, but the writer must know edits there go unseen.
			fmt.Fprintf(s.stderr, "dossier: %v\n", err)
		}
	}
}
