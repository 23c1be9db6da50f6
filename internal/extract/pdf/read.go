package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoPoppler is returned when Poppler's command-line tools, which read
// the PDF, are not installed.
var ErrNoPoppler = errors.New("pdftohtml not found: install poppler-utils (apt-get install poppler-utils, brew install poppler)")

// Document is a PDF read as dossier source text.
type Document struct {
	// Text is the document as Markdown, in the convention the package
	// documentation describes.
	Text string
	Meta Meta
	// Pages is the number of pages of the PDF.
	Pages int
}

// Meta is what the PDF says about itself, in its Info dictionary and its
// XMP metadata. A field the PDF does not fill is empty.
type Meta struct {
	Title   string
	Authors []string
	// Date is the publication or creation date as YYYY, YYYY-MM or
	// YYYY-MM-DD.
	Date      string
	Publisher string
	// Language is a BCP 47 tag such as "en" or "pt-BR".
	Language string
	Subject  string
	// Extractor names the tool that read the text, with its version:
	// "pdftohtml 24.02.0 (poppler)".
	Extractor string
}

// Read reads the PDF at path: its text with pdftohtml, its metadata with
// pdfinfo.
func Read(ctx context.Context, path string) (*Document, error) {
	tool, err := lookPoppler()
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(path, "-") {
		// Not an option to the tools.
		path = "." + string(filepath.Separator) + path
	}
	// pdfinfo reads the metadata while pdftohtml reads the text.
	type metaResult struct {
		meta Meta
		err  error
	}
	metaDone := make(chan metaResult, 1)
	go func() {
		m, err := readMeta(ctx, path)
		if err == nil {
			m.Extractor = extractorVersion(ctx, tool)
		}
		metaDone <- metaResult{m, err}
	}()
	out, err := run(ctx, tool, "-xml", "-i", "-stdout", "-q", "-nodrm", path)
	meta := <-metaDone
	if err != nil {
		return nil, err
	}
	if meta.err != nil {
		return nil, meta.err
	}
	raw, err := parseXML(out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Document{Text: render(analyse(layOut(raw))), Meta: meta.meta, Pages: len(raw.pages)}, nil
}

// lookPoppler finds pdftohtml.
func lookPoppler() (string, error) {
	tool, err := exec.LookPath("pdftohtml")
	if err != nil {
		return "", ErrNoPoppler
	}
	return tool, nil
}

// run runs a Poppler tool and returns its standard output; a failure
// carries what the tool said.
func run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		name := filepath.Base(tool)
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s %s: %w: %s", name, args[len(args)-1], err, msg)
		}
		return nil, fmt.Errorf("%s %s: %w", name, args[len(args)-1], err)
	}
	return stdout.Bytes(), nil
}

// extractorVersion names pdftohtml and its version as `pdftohtml -v`
// prints it ("pdftohtml version 24.02.0" on standard error).
func extractorVersion(ctx context.Context, tool string) string {
	cmd := exec.CommandContext(ctx, tool, "-v")
	out, _ := cmd.CombinedOutput()
	for _, f := range strings.Fields(string(out)) {
		if f != "" && f[0] >= '0' && f[0] <= '9' && strings.Contains(f, ".") {
			return "pdftohtml " + f + " (poppler)"
		}
	}
	return "pdftohtml (poppler)"
}
