// Package site defines the dossier's domain: the documents an analyst writes
// (sources, notes, themes, entities), what the pipeline derives from them
// (passages, footnotes, events) and the positioned diagnostics every stage
// reports. It holds types only; each pipeline stage lives in its own package.
package site
