// Package html reads a saved web page for dossier: the article, as the
// dossier Markdown that internal/passage cuts into passages, and the
// page's metadata for the source's front matter.
//
// Read runs these steps, each in its own file:
//
//   - read.go decodes the page by its declared charset and parses it;
//   - meta.go and jsonld.go read the metadata, from JSON-LD, OpenGraph,
//     citation and Dublin Core meta, the canonical link, the <html lang>
//     and the <title>, before anything is removed;
//   - notes.go takes out the footnotes and endnotes and marks where they
//     are referenced;
//   - chrome.go removes the page chrome by structure and attributes;
//   - readability (codeberg.org/readeck/go-readability/v2) picks the
//     article, and chrome.go then removes the blocks of links it kept;
//   - markdown.go writes the article as Markdown.
package html
