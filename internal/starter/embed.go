// Package starter holds the new dossier that "dossier init" writes: the
// files are kept here as they are written, so that they read and build
// like any content folder.
package starter

import "embed"

// FS is the starter dossier. Its content/ is written as DIR/content, and
// its gitignore as DIR/.gitignore: a file named .gitignore here would be a
// rule for this repository's own git.
//
//go:embed content gitignore
var FS embed.FS
