// Package passage cleans a source body into passages: the paragraphs,
// headings and block quotes that citations point at, plus the footnotes
// collected from page feet and the list of lines cleaning removed.
//
// Normalise runs the stages in order, each in its own file:
//
//   - lines.go splits the body into lines (form feeds mark page starts,
//     ligatures are spelt out) and holds the tests on line text that
//     every stage shares;
//   - rules.go applies a source's cleaning rules, which override the
//     heuristics;
//   - markdown.go removes the extractors' comment lines from Markdown
//     (page markers, page furniture); for text, pages.go finds page
//     numbers by their sequence and running heads and feet by repetition
//     and position next to page breaks;
//   - boilerplate.go removes what is not the author's text, by kind:
//     web page chrome, press release labels and contact blocks, journal
//     furniture, bylines, datelines, author bios, letterheads;
//   - pdf.go, markdown.go and plain.go recognise the layout of text
//     extracted from a PDF, of Markdown and of blank-line separated
//     text, deciding where passages start; pdf.go also collects the
//     footnotes at page feet, whose ends are page breaks; headings.go
//     finds headings in text, plain.go list items;
//   - pages.go then numbers the pages, and assemble.go groups the kept
//     lines into passages and builds their text, with text.go (joining
//     lines, hyphenation by the document's vocabulary, glued sentences),
//     footnotes.go (footnote markers), lang.go and ids.go.
//
// Nothing is lost silently: every non-blank body line lies in a passage's
// line range, in a footnote's or in the removed list. Footnote and removed
// lines may sit inside a passage's range (a paragraph that runs on across
// a page foot), and then they belong to the footnote or the removed list,
// not to the passage. Likewise a removed line may sit inside a footnote's
// range (a running footer, or a line a drop rule removes, with the
// footnote running on after it), and then it belongs to the removed list
// only: the footnote's text leaves it out. A footnote that a page break
// cut and the next page foot continues spans the body lines between,
// which are the passages'. A range starts and ends with a line of its
// own.
package passage
