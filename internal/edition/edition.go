// Package edition records what an edition of the dossier said and rests
// on, as the edition.json every build writes, and compares an earlier
// edition with the dossier as it is now: notes added, changed and
// removed, key judgements whose confidence changed, sources revised, and
// quote drift, the citations whose cited words moved to another passage
// or are no longer there.
//
// An Edition is made from the resolve index (Of) or read back from an
// edition.json (Decode); Compare takes an earlier one and the current
// one and returns a Report, which Write prints for `dossier changes` and
// the site's changes page shows.
package edition

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unsafe"

	"github.com/dossier-dev/dossier/internal/site"
)

// Format is the version of edition.json that this package writes. Decode
// refuses a file of another version, or one that has none, rather than
// report every note of it as removed.
const Format = 1

// Edition is one edition of the dossier: its name, its key judgements,
// its notes, the passages of its sources and every quote citation. Its
// JSON form is edition.json; lists are sorted (judgements by number,
// notes by slug, sources by key, citations by document and position), so
// two builds of the same content write the same bytes.
type Edition struct {
	Format int `json:"format"`
	// Edition is dossier.yaml's edition: free text, "" when not given.
	Edition    string      `json:"edition"`
	Title      string      `json:"title"`
	Date       string      `json:"date,omitempty"`
	Judgements []Judgement `json:"judgements"`
	Notes      []Note      `json:"notes"`
	Sources    []Source    `json:"sources"`
	Citations  []Citation  `json:"citations"`

	// current holds the sources the edition was made from, by key, for
	// Compare to look for cited words in; nil for a decoded edition.
	current map[string]*site.Source
	// documents holds the paths of the documents that could cite, for
	// Compare to leave out the citations of a note that is gone.
	documents map[string]bool
}

// Judgement is one key judgement of the summary (content/index.md): an
// item of its first top-level list, or, when it has no list, one of its
// paragraphs before its first heading.
type Judgement struct {
	// Number counts the judgements from 1, in the order written.
	Number int `json:"number"`
	// Headline is the judgement's bold lead-in, or else its first
	// sentence: what Compare matches judgements of two editions by.
	Headline string `json:"headline"`
	// Text is the judgement as plain text, links as they read.
	Text   string `json:"text"`
	SHA256 string `json:"sha256"`
	// Confidence lists the estimative words of the text, in order and
	// each once ("likely", "high confidence"); see ConfidenceWords.
	Confidence []string `json:"confidence,omitempty"`
	// Lines are the first and last lines of index.md the judgement is
	// written on.
	Lines [2]int `json:"lines"`
}

// Note is an analyst note: its slug, path in the content folder, title,
// confidence and the hash of its Markdown body.
type Note struct {
	Slug       string `json:"slug"`
	Path       string `json:"path"`
	Title      string `json:"title"`
	Confidence string `json:"confidence,omitempty"`
	SHA256     string `json:"sha256"`
}

// Source is a source and the hash of each of its passages, in order.
type Source struct {
	Key      string    `json:"key"`
	Title    string    `json:"title"`
	Passages []Passage `json:"passages"`
}

// Passage is a passage of a source: its id, its ¶ number (0 for a
// heading) and the hash of its cleaned text.
type Passage struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	SHA256 string `json:"sha256"`
}

// Citation is a quote citation: where it is written, the judgement it
// is part of (for one in the summary), and the passage it cites.
type Citation struct {
	// Document is the citing file's path in the content folder
	// ("notes/x.md", "index.md"); Line and Col are where the citation
	// starts in it.
	Document string `json:"document"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	// Judgement is the number of the key judgement that makes the
	// citation, or 0.
	Judgement int    `json:"judgement,omitempty"`
	Source    string `json:"source"`
	Passage   string `json:"passage"`
	Number    int    `json:"number"`
	// Quote is the cited words as the passage has them.
	Quote string `json:"quote"`
	// SHA256 is the hash of the cited passage's text.
	SHA256 string `json:"sha256"`
}

// Hash is the hex SHA-256 of text, as edition.json records it.
func Hash(text string) string {
	// Hashed in place: a copy of every note body and passage (40 MB at
	// 10,000 notes) would be garbage the build's peak memory pays for.
	// Sum256 neither keeps nor writes the bytes.
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(text), len(text)))
	return hex.EncodeToString(sum[:])
}

// JSON is the edition as edition.json: indented, ending in a newline.
func (e *Edition) JSON() []byte {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		// Strings, numbers and slices of them always encode.
		panic(fmt.Sprintf("edition: %v", err))
	}
	return append(data, '\n')
}

// DecodeError is why data is not an edition.json, at a 1-based line and
// column when the JSON itself is at fault.
type DecodeError struct {
	Line, Col int
	Err       error
}

func (e *DecodeError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%d:%d: not an edition.json: %v", e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("not an edition.json: %v", e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// Decode reads an edition.json. A file that is not JSON, not an object,
// or not of this Format is a *DecodeError.
func Decode(data []byte) (*Edition, error) {
	var e Edition
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&e); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			// Offset counts the bytes read, the faulty one included.
			return nil, at(data, syntax.Offset-1, err)
		case errors.As(err, &typ):
			return nil, at(data, typ.Offset, err)
		case errors.Is(err, io.EOF):
			return nil, &DecodeError{Err: errors.New("the file is empty")}
		}
		return nil, &DecodeError{Err: err}
	}
	if dec.More() {
		return nil, at(data, dec.InputOffset(), errors.New("more than one JSON value"))
	}
	if e.Format != Format {
		if e.Format == 0 {
			return nil, &DecodeError{Err: errors.New(`it has no "format" (a build of dossier writes edition.json with "format": 1)`)}
		}
		return nil, &DecodeError{Err: fmt.Errorf("format %d, where this dossier reads format %d", e.Format, Format)}
	}
	return &e, nil
}

// at is a DecodeError at byte offset off of data.
func at(data []byte, off int64, err error) *DecodeError {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return &DecodeError{Line: line, Col: col, Err: err}
}

// Previous decodes the earlier edition c.Previous holds. A file that is
// not an edition.json is a diagnostic at the fault in the file, or,
// when the file as a whole is wrong, where dossier.yaml names it.
func Previous(c *site.Content) (*Edition, site.Diagnostics) {
	if c.Previous == nil {
		return nil, nil
	}
	e, err := Decode([]byte(c.Previous.Body))
	if err != nil {
		var diags site.Diagnostics
		var de *DecodeError
		if errors.As(err, &de) && de.Line > 0 {
			diags.Add(site.Pos{Path: c.Previous.Path, Line: de.Line, Col: de.Col}, "previous_edition: not an edition.json: %v", de.Err)
		} else {
			diags.Add(c.PreviousPos, "previous_edition %s: %v", c.Previous.Path, err)
		}
		return nil, diags
	}
	return e, nil
}
