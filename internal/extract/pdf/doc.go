// Package pdf reads a PDF file as dossier source text: Markdown that keeps
// the document's pages, headings, paragraphs, lists, block quotes, tables
// and footnotes, and sets its page furniture apart, plus the metadata the
// PDF gives about itself.
//
// Read (read.go) runs Poppler's pdftohtml -xml, which gives every run of
// text with its page, position, size and font, and pdfinfo for the Info
// dictionary and the XMP packet (meta.go). The stages, each in its own
// file:
//
//   - xml.go parses pdftohtml's XML into fragments, and text.go mends
//     their glyphs (ligatures, odd spaces);
//   - furniture.go finds running headers, footers and page numbers by
//     position and repetition, and pagenum.go reads page numbers;
//   - layout.go reads each page's other fragments column by column, with
//     columns.go finding the column gutters and lines.go grouping
//     fragments into lines;
//   - notes.go takes footnotes from page and column feet, blocks.go and
//     tables.go cut the body into blocks and tell their kinds, and join.go
//     joins lines, mending words broken at line ends;
//   - render.go writes the Markdown.
//
// Every rule reads positions, font sizes and repetition, never the
// wording of particular documents.
//
// # The text
//
// Blocks are separated by blank lines and each is one line, except a
// table, which is one line per row:
//
//   - each page starts with the line <!-- page N -->, N being the page's
//     printed number, or one inferred from the numbers of the pages
//     around it, or else its index in the PDF from 1;
//   - each line of page furniture (running header or footer, page
//     number) is kept as a line <!-- furniture: TEXT --> where it stood:
//     a page's headers right after its page line, its footers at its end
//     (a "-->" in TEXT is written "-- >");
//   - headings are ATX headings, "#" for the largest style (the title) and
//     deeper levels for smaller ones; paragraphs are plain lines; list
//     items start "- ", or "N. " where the document numbers them (other
//     labels, like "(a)", stay in the text after "- "); block quotes start
//     "> "; tables are GFM tables whose first row is the header;
//   - a superscript footnote label in the text becomes [^KEY], and the
//     footnote a definition [^KEY]: text. KEY is the printed label, or,
//     where labels restart (per page or chapter), the label and its count
//     in the document: "1-2" for the second note labelled 1. A page's
//     footnotes follow the last block that starts on the page, before
//     its footers;
//   - text that Markdown would read as markup at the start of a block
//     ("1990." or "#1" or "> ") is escaped with a backslash.
//
// A block that runs over a page break (a paragraph, list item, quote or
// footnote) is written whole, on the page where it starts, and ends with
// <!-- continues on page N -->, naming the page where it ends. The page
// lines, furniture and footnotes of the pages it runs over follow it. So
// every block's first page is the last page line above it, and its last
// page is the one its comment names, or its first. For example:
//
//	<!-- page 12 -->
//
//	<!-- furniture: Energy Briefing Book 2024 -->
//
//	# Grid Connections for Offshore Wind
//
//	Developers have responded to these targets.[^1] Several have bought cable-laying vessels of their own. <!-- continues on page 13 -->
//
//	[^1]: Ostend Declaration of 24 April 2023.
//
//	<!-- furniture: p. 12 -->
//
//	<!-- page 13 -->
//
//	<!-- furniture: Chapter 2 · Grid connections -->
//
//	## What other countries have done
//
// Here the paragraph starts on page 12 and ends on page 13, and the
// heading is on page 13.
package pdf
