package site

// String names the kind as pages' class names and dossier clean --json
// do: "paragraph", "heading", "quote", "list" or "table".
func (k PassageKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case BlockQuote:
		return "quote"
	case List:
		return "list"
	case Table:
		return "table"
	}
	return "paragraph"
}
