package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The index is laid out as Pagefind lays out its own: a small manifest
// the page loads with itself, and shards it loads by adding <script>
// tags as queries need them (a page opened from disk may load scripts
// but not fetch files):
//
//   - word shards (shards/w<n>.js) hold an inverted index of the
//     vocabulary, sorted and cut into runs of about WordShard bytes; the
//     manifest lists the first word of each, so a query loads only the
//     shards its words, and the words they are a prefix of, fall in;
//   - document shards (shards/d<n>.js) hold the title, link, themes and
//     text of runs of consecutive documents, about DocShard bytes each,
//     loaded only for the results shown;
//   - theme shards (shards/t<n>.js) list the documents of a theme,
//     loaded when the theme filter is used.
//
// A document's kind is not stored per document: documents are numbered
// kind by kind, and the manifest says where each kind starts.
const (
	WordShard = 16 << 10
	DocShard  = 4 << 10
)

// Ranking is BM25+ with MiniSearch's parameters (k 1.2, b 0.7, d 0.5)
// and a title weighing three times the text, as the page used to rank
// with MiniSearch. The score of a word in a document is computed here,
// where the field lengths are known, and stored in 12 bits as
// scoreScale-ths: a word's best score is about 110.
const (
	bm25K      = 1.2
	bm25B      = 0.7
	bm25D      = 0.5
	titleBoost = 3
	scoreScale = 32
	maxScore   = 1<<12 - 1
)

// stopWords match nearly every document: indexing them costs bytes and
// ranks nothing. The page drops them from queries too; the manifest
// carries the list so that the two agree.
var stopWords = strings.Fields("a an and are as at be by for from has have in is it its of on or that the this to was were will with")

// Index is the search index as the page loads it.
type Index struct {
	// Version names this build of the index. The page loads shards as
	// shards/<name>.js?v=<Version>, so that a browser never takes a shard
	// of an older build from its cache, and each shard says its version,
	// so that a page of an older build finds out that its shards are gone.
	Version string
	// Manifest is the script the search page loads with itself. It
	// assigns window.DOSSIER_SEARCH.
	Manifest []byte
	// Shards are the other files, by path relative to the search page:
	// "shards/w3.js". Each calls window.DOSSIER_SEARCH_SHARD(version,
	// name, data).
	Shards map[string][]byte
}

// posting is a word's occurrences in one document.
type posting struct {
	doc int32
	tf  [2]uint16 // in the title, in the text
}

// Index makes the search index of the documents.
func (d *Data) Index() *Index {
	// Documents are numbered kind by kind, in the order of Kinds.
	kindIndex := map[string]int{}
	for i, k := range Kinds {
		kindIndex[k] = i
	}
	order := make([]int, len(d.Docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return kindIndex[d.Docs[a].Kind] - kindIndex[d.Docs[b].Kind] })
	kindStart := make([]int, len(Kinds)+1)
	for _, i := range order {
		kindStart[kindIndex[d.Docs[i].Kind]+1]++
	}
	for k := 1; k < len(kindStart); k++ {
		kindStart[k] += kindStart[k-1]
	}

	themeIndex := map[string]int{}
	themes := make([][2]string, len(d.Themes))
	for i, t := range d.Themes {
		themeIndex[t.Slug] = i
		themes[i] = [2]string{t.Slug, t.Title}
	}

	// The documents as the page shows them, and the words of each.
	docs := make([]shownDoc, len(order))
	v := newVocabulary()
	lengths := make([][2]int, len(order))
	var total [2]int
	for n, i := range order {
		doc := d.Docs[i]
		sd := shownDoc{title: fold(doc.Title), href: doc.Href, text: fold(doc.Text)}
		for _, t := range doc.Themes {
			if j, ok := themeIndex[t]; ok {
				sd.themes = append(sd.themes, j)
			}
		}
		slices.Sort(sd.themes)
		docs[n] = sd
		for f, s := range [2]string{sd.title, sd.text} {
			lengths[n][f] = v.add(s, int32(n), f)
			total[f] += lengths[n][f]
		}
	}

	idx := &Index{Shards: map[string][]byte{}}
	var bodies [][]byte // every shard's data, in order, for the version
	var names []string

	// Word shards.
	vocab := make([]int32, 0, len(v.words))
	for id, ps := range v.postings {
		if len(ps) > 0 {
			vocab = append(vocab, int32(id))
		}
	}
	slices.SortFunc(vocab, func(a, b int32) int { return compareUTF16(v.words[a], v.words[b]) })
	var avg [2]float64
	for f := range avg {
		avg[f] = float64(total[f]) / float64(max(len(docs), 1))
	}
	var firstWords []string
	var shard bytes.Buffer
	flushWords := func() {
		if shard.Len() == 0 {
			return
		}
		shard.WriteByte('}')
		names = append(names, "w"+strconv.Itoa(len(firstWords)-1))
		bodies = append(bodies, slices.Clone(shard.Bytes()))
		shard.Reset()
	}
	var enc []byte
	for _, id := range vocab {
		w := v.words[id]
		if shard.Len() >= WordShard {
			flushWords()
		}
		if shard.Len() == 0 {
			firstWords = append(firstWords, w)
			shard.WriteByte('{')
		} else {
			shard.WriteByte(',')
		}
		writeJSON(&shard, w)
		shard.WriteString(`:"`)
		enc = encodePostings(enc[:0], v.postings[id], len(docs), lengths, avg)
		shard.Write(enc)
		shard.WriteByte('"')
	}
	flushWords()

	// Document shards, each a run of consecutive documents.
	var docStarts []int
	var batch []any
	size := 0
	prevPage := ""
	flushDocs := func() {
		if len(batch) == 0 {
			return
		}
		names = append(names, "d"+strconv.Itoa(len(docStarts)-1))
		bodies = append(bodies, marshal(batch))
		batch, size, prevPage = batch[:0], 0, ""
	}
	for n, sd := range docs {
		if size >= DocShard {
			flushDocs()
		}
		if len(batch) == 0 {
			docStarts = append(docStarts, n)
		}
		// Passages follow each other on their source's page: an href on
		// the page of the one before is written as its #anchor alone.
		href := sd.href
		page, anchor, ok := strings.Cut(href, "#")
		if ok && page == prevPage {
			href = "#" + anchor
		}
		prevPage = page
		ts := sd.themes
		if ts == nil {
			ts = []int{}
		}
		batch = append(batch, [4]any{sd.title, href, ts, sd.text})
		size += len(sd.title) + len(href) + len(sd.text) + 16
	}
	flushDocs()

	// Theme shards: the documents of each theme.
	members := make([][]int, len(themes))
	for n, sd := range docs {
		for _, t := range sd.themes {
			members[t] = append(members[t], n)
		}
	}
	for t, m := range members {
		var b []byte
		prev := 0
		for _, n := range m {
			b = appendVarint(b, n-prev)
			prev = n
		}
		names = append(names, "t"+strconv.Itoa(t))
		bodies = append(bodies, marshal(string(b)))
	}

	// The manifest: first words of the word shards after the first, and
	// the sizes of the document shards, as varints.
	var sizes []byte
	for i := range docStarts {
		end := len(docs)
		if i+1 < len(docStarts) {
			end = docStarts[i+1]
		}
		sizes = appendVarint(sizes, end-docStarts[i])
	}
	if len(firstWords) > 0 {
		firstWords = firstWords[1:]
	}
	manifest := marshal(struct {
		Format    int         `json:"format"`
		Version   string      `json:"version"`
		Kinds     []string    `json:"kinds"`
		KindStart []int       `json:"kindStart"`
		Themes    [][2]string `json:"themes"`
		Stop      []string    `json:"stop"`
		Words     []string    `json:"words"`
		Docs      string      `json:"docs"`
	}{2, "", Kinds, kindStart, themes, stopWords, orEmpty(firstWords), string(sizes)})

	h := sha256.New()
	h.Write(manifest)
	for i, b := range bodies {
		h.Write([]byte(names[i]))
		h.Write(b)
	}
	idx.Version = hex.EncodeToString(h.Sum(nil)[:5])
	manifest = bytes.Replace(manifest, []byte(`"version":""`), []byte(`"version":"`+idx.Version+`"`), 1)
	idx.Manifest = script("window.DOSSIER_SEARCH=", manifest, ";\n")
	for i, b := range bodies {
		idx.Shards["shards/"+names[i]+".js"] = script(`DOSSIER_SEARCH_SHARD("`+idx.Version+`","`+names[i]+`",`, b, ");\n")
	}
	return idx
}

// shownDoc is a document as the page shows it.
type shownDoc struct {
	title, href, text string
	themes            []int
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func script(prefix string, data []byte, suffix string) []byte {
	out := make([]byte, 0, len(prefix)+len(data)+len(suffix))
	return append(append(append(out, prefix...), data...), suffix...)
}

// marshal encodes v as JSON that is safe in a <script>: json.Marshal
// escapes <, > and & (so no "</script>" or "<!--" can appear) and U+2028
// and U+2029, which older JavaScript parsers take for line ends inside
// strings.
func marshal(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		// Strings, ints and slices of them always encode.
		panic("search: " + err.Error())
	}
	return data
}

func writeJSON(b *bytes.Buffer, s string) {
	b.Write(marshal(s))
}

// encodePostings appends a word's postings as the page decodes them:
// for each document, the difference from the one before as a varint,
// then its score in two digits.
func encodePostings(b []byte, ps []posting, docs int, lengths [][2]int, avg [2]float64) []byte {
	var idf [2]float64
	for f := range idf {
		n := 0
		for _, p := range ps {
			if p.tf[f] > 0 {
				n++
			}
		}
		idf[f] = math.Log(1 + (float64(docs-n)+0.5)/(float64(n)+0.5))
	}
	prev := 0
	for _, p := range ps {
		score := 0.0
		for f, boost := range [2]float64{titleBoost, 1} {
			if tf := float64(p.tf[f]); tf > 0 {
				score += boost * idf[f] * (bm25D + tf*(bm25K+1)/(tf+bm25K*(1-bm25B+bm25B*float64(lengths[p.doc][f])/avg[f])))
			}
		}
		s := min(max(int(math.Round(score*scoreScale)), 1), maxScore)
		b = appendVarint(b, int(p.doc)-prev)
		b = append(b, digits[s>>6], digits[s&63])
		prev = int(p.doc)
	}
	return b
}

// digits are the 64 characters numbers are written in: none needs
// escaping in JSON or JavaScript.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendVarint writes n ≥ 0 five bits at a time, lowest first: digits
// 32 to 63 say more follow, 0 to 31 end the number.
func appendVarint(b []byte, n int) []byte {
	for n >= 32 {
		b = append(b, digits[32+n&31])
		n >>= 5
	}
	return append(b, digits[n])
}

// compareUTF16 orders strings as JavaScript's < does, by UTF-16 code
// units, so that the page's binary search over the manifest's words
// agrees with the order the build cut them in.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmpUnits(ra) - cmpUnits(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// cmpUnits is a rune's first UTF-16 code unit: the one JavaScript
// compares first.
func cmpUnits(r rune) int {
	if r >= 0x10000 {
		hi, _ := utf16.EncodeRune(r)
		return int(hi)
	}
	return int(r)
}

// vocabulary is the index's words, each with its postings. Words are
// numbered as they are first met, so that cutting text into words
// allocates only for words not met before.
type vocabulary struct {
	ids      map[string]int32
	words    []string
	postings [][]posting // none for a stop word
	stop     []bool
	// seen[id] is the field (2 × document + field + 1) the word was
	// last counted in, for the field's length.
	seen []int32
	buf  []byte
}

func newVocabulary() *vocabulary {
	v := &vocabulary{ids: map[string]int32{}}
	for _, w := range stopWords {
		v.stop[v.id([]byte(w))] = true
	}
	return v
}

// id is the number of the folded word w, which it may reuse.
func (v *vocabulary) id(w []byte) int32 {
	if id, ok := v.ids[string(w)]; ok {
		return id
	}
	id := int32(len(v.words))
	s := string(w)
	v.ids[s] = id
	v.words = append(v.words, s)
	v.postings = append(v.postings, nil)
	v.stop = append(v.stop, false)
	v.seen = append(v.seen, 0)
	return id
}

// add indexes field f (0 the title, 1 the text) of document doc and
// returns the field's length for BM25: its number of distinct words,
// stop words included (MiniSearch counted about the same: distinct words
// before folding).
func (v *vocabulary) add(s string, doc int32, f int) int {
	field := 2*doc + int32(f) + 1
	n := 0
	eachWord(s, func(raw string) {
		v.buf = foldWord(v.buf[:0], raw)
		if len(v.buf) == 0 {
			return
		}
		id := v.id(v.buf)
		if v.seen[id] != field {
			v.seen[id] = field
			n++
		}
		if v.stop[id] {
			return
		}
		ps := v.postings[id]
		if len(ps) == 0 || ps[len(ps)-1].doc != doc {
			ps = append(ps, posting{doc: doc})
			v.postings[id] = ps
		}
		if tf := &ps[len(ps)-1].tf[f]; *tf < math.MaxUint16 {
			*tf++
		}
	})
	return n
}

// Words cuts text into words as the page cuts queries, at runs of line
// ends, separators (Unicode Z) and punctuation (P), and folds each word
// as the page does: lower case, without accents ("Kŭlob" is "kulob").
// The empty words at the ends are left out.
func Words(s string) []string {
	var out []string
	var buf []byte
	eachWord(s, func(raw string) {
		if buf = foldWord(buf[:0], raw); len(buf) > 0 {
			out = append(out, string(buf))
		}
	})
	return out
}

func separator(r rune) bool {
	return r == '\n' || r == '\r' || unicode.In(r, unicode.Z, unicode.P)
}

// eachWord calls fn with each word of s, before folding.
func eachWord(s string, fn func(string)) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || !separator(rune(c)) {
				i++
				continue
			}
			if start < i {
				fn(s[start:i])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if separator(r) {
			if start < i {
				fn(s[start:i])
			}
			start = i + n
		}
		i += n
	}
	if start < len(s) {
		fn(s[start:])
	}
}

// foldWord appends w to b in lower case and without accents.
func foldWord(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			b = b[:len(b)-i]
			for _, r := range norm.NFD.String(strings.ToLower(w)) {
				if !unicode.Is(unicode.M, r) {
					b = utf8.AppendRune(b, r)
				}
			}
			return b
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
