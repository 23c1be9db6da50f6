// Package static holds the built-in stylesheets and scripts, copied into
// every site under fingerprinted names. A site's own static/ folder
// overrides them file by file.
package static

import "embed"

// FS is the built-in static files.
//
//go:embed *.css *.js
var FS embed.FS
