// Package templates holds the built-in page templates (html/template).
// A site's own templates/ folder overrides them file by file.
package templates

import "embed"

// FS is the built-in templates.
//
//go:embed *.html
var FS embed.FS
