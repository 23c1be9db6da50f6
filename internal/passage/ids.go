package passage

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/slug"
)

// A passage id depends on the passage's own text only, so that citations
// and links keep working when other parts of the source are cleaned
// differently. Paragraphs and quotes get "p-" and a hash of their folded
// text; headings get "h-" and a readable slug. Equal texts are told apart
// by "-2", "-3" in document order.

// maxSlug is the longest heading slug, in bytes.
const maxSlug = 48

// assignIDs sets the ids and ¶ numbers of the passages.
func assignIDs(ps []site.Passage) {
	seen := map[string]int{}
	number := 0
	for i := range ps {
		p := &ps[i]
		id := "p-" + hash(p.Text)
		if p.Kind == site.Heading {
			id = "h-" + headingSlug(p.Text)
		} else {
			number++
			p.Number = number
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		p.ID = id
	}
}

// hash is the first 8 hex digits of the SHA-256 of the folded text.
func hash(text string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
	return hex.EncodeToString(sum[:4])
}

// headingSlug makes a heading's text an id (see package slug). A heading
// with no letter or digit a slug can hold is hashed instead.
func headingSlug(text string) string {
	// Heading ids have always parted words at a typographic apostrophe
	// ("h-2-russia-s-bilateral-..."); they still do, so that links to
	// published headings still land.
	if s := slug.Make(strings.ReplaceAll(text, "’", " "), maxSlug); s != "" {
		return s
	}
	return hash(text)
}
