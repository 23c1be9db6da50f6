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

	"github.com/dossier-dev/dossier/internal/resolve"
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
//
// Document shards are as large as word shards. A page draws its first
// result once that result's shard is in, so a larger shard costs the
// first result a few milliseconds at most, while each file costs the
// build: at 4 kB a shard, a 2,000-note dossier had 1,123 of them, a
// third of its files, and on a disk where making files is slow (see
// scripts/compare-hugo.sh) the build paid for each.
const (
	WordShard = 16 << 10
	DocShard  = 16 << 10
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
	// Themes are the themes the page's filter offers, in theme order.
	Themes []Theme
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
	ix := newIndexer(d.Themes)
	for _, i := range order {
		ix.add(&d.Docs[i], nil)
	}
	return ix.index()
}

// IndexOf makes the search index of a resolved dossier, as
// Build(idx).Index() does, but indexes each document as it is collected:
// Build holds the plain text of every document at once, 8 MB at 2,000
// notes, for as long as the index takes to make.
//
// Collecting, folding and cutting the documents into words runs beside
// numbering the words and writing the document shards, each about half
// of the work: the index is the last file of a build to be finished, and
// on two cores the build's tail was this one goroutine alone.
func IndexOf(idx *resolve.Index) *Index {
	ix := newIndexer(themesOf(idx))
	const ahead = 32 // documents folded and not yet indexed
	docs, free := make(chan *folded, ahead), make(chan *folded, ahead+1)
	for range ahead + 1 {
		free <- new(folded)
	}
	go func() {
		defer close(docs)
		collect(idx, textLimit(idx), func(doc *Doc, text []byte) {
			d := <-free
			d.fold(doc, text)
			docs <- d
		})
	}()
	for d := range docs {
		ix.addFolded(d)
		free <- d
	}
	return ix.index()
}

// indexer makes an index of documents given kind by kind, in the order
// of Kinds. Each document is folded as the page shows it, indexed and
// written to its document shard in turn, so that its folded text is
// made in a buffer the next one reuses.
type indexer struct {
	themes     []Theme
	themeIndex map[string]int
	kindStart  []int
	kind       int // of the last document

	v       *vocabulary
	lengths [][2]int
	total   [2]int
	members [][]int

	wordShards, docShards, themeShards shardWriter
	folded                             folded // add's, which indexes one document at a time
	docThemes                          []int
	docStarts                          []int
	size                               int
	prevPage                           string
}

func newIndexer(themes []Theme) *indexer {
	ix := &indexer{themes: themes, themeIndex: map[string]int{}, kindStart: make([]int, len(Kinds)+1), v: newVocabulary(), members: make([][]int, len(themes))}
	for i, t := range themes {
		ix.themeIndex[t.Slug] = i
	}
	return ix
}

// add indexes doc, whose text is text when that is not nil (collect's
// buffer, which add does not keep).
func (ix *indexer) add(doc *Doc, text []byte) {
	ix.folded.fold(doc, text)
	ix.addFolded(&ix.folded)
}

// folded is a document as the indexer takes it: its title and text
// folded as the page shows them (see appendFold), and the words of each
// folded as the index holds them (see eachWord).
type folded struct {
	doc         *Doc
	title, text []byte
	words       [2]wordList // of the title and of the text
	buf         []byte      // eachWord's
}

// wordList is words one after another in buf, each ending where ends
// says.
type wordList struct {
	buf  []byte
	ends []int32
}

// fold makes d the folded doc, whose text is text when that is not nil.
// d keeps neither.
func (d *folded) fold(doc *Doc, text []byte) {
	d.doc = doc
	d.title = appendFold(d.title[:0], doc.Title)
	if text != nil {
		d.text = appendFold(d.text[:0], text)
	} else {
		d.text = appendFold(d.text[:0], doc.Text)
	}
	for f, s := range [2][]byte{d.title, d.text} {
		w := &d.words[f]
		w.buf, w.ends = w.buf[:0], w.ends[:0]
		d.buf = eachWord(s, d.buf, func(folded []byte) {
			w.buf = append(w.buf, folded...)
			w.ends = append(w.ends, int32(len(w.buf)))
		})
	}
}

// addFolded indexes the document d, which it does not keep.
func (ix *indexer) addFolded(d *folded) {
	doc := d.doc
	// A kind the page does not know is numbered with the passages, as
	// Data.Index sorts it.
	k := max(slices.Index(Kinds, doc.Kind), 0)
	if k < ix.kind {
		panic("search: " + doc.Kind + " document after one of a later kind")
	}
	ix.kind = k
	ix.kindStart[k+1]++
	n := len(ix.lengths)
	var lengths [2]int
	for f := range d.words {
		lengths[f] = ix.v.add(&d.words[f], int32(n), f)
		ix.total[f] += lengths[f]
	}
	ix.lengths = append(ix.lengths, lengths)
	ix.docThemes = ix.docThemes[:0]
	for _, t := range doc.Themes {
		if j, ok := ix.themeIndex[t]; ok {
			ix.docThemes = append(ix.docThemes, j)
		}
	}
	slices.Sort(ix.docThemes)
	for _, t := range ix.docThemes {
		ix.members[t] = append(ix.members[t], n)
	}

	// Document shards are runs of consecutive documents.
	docShards := &ix.docShards
	if docShards.open && ix.size >= DocShard {
		docShards.end(']')
		ix.size, ix.prevPage = 0, ""
	}
	if !docShards.open {
		docShards.start("d"+strconv.Itoa(len(ix.docStarts)), '[')
		ix.docStarts = append(ix.docStarts, n)
	} else {
		docShards.buf = append(docShards.buf, ',')
	}
	// Passages follow each other on their source's page: an href on
	// the page of the one before is written as its #anchor alone.
	href := doc.Href
	page, _, ok := strings.Cut(href, "#")
	if ok && page == ix.prevPage {
		href = href[len(page):]
	}
	ix.prevPage = page
	docShards.buf = appendDoc(docShards.buf, d.title, href, ix.docThemes, d.text)
	ix.size += len(d.title) + len(href) + len(d.text) + 16
}

// index ends the shards and makes the manifest.
func (ix *indexer) index() *Index {
	docs, v := len(ix.lengths), ix.v
	if ix.docShards.open {
		ix.docShards.end(']')
	}
	for k := 1; k < len(ix.kindStart); k++ {
		ix.kindStart[k] += ix.kindStart[k-1]
	}

	// Word shards.
	wordShards := &ix.wordShards
	postings, off := v.postings()
	vocab := make([]int32, 0, len(v.words))
	for id, w := range v.words {
		if w.docs > 0 {
			vocab = append(vocab, int32(id))
		}
	}
	slices.SortFunc(vocab, func(a, b int32) int { return compareUTF16(v.words[a].text, v.words[b].text) })
	var avg [2]float64
	for f := range avg {
		avg[f] = float64(ix.total[f]) / float64(max(docs, 1))
	}
	var firstWords []string
	for _, id := range vocab {
		w := &v.words[id]
		if wordShards.open && wordShards.len() >= WordShard {
			wordShards.end('}')
		}
		if !wordShards.open {
			firstWords = append(firstWords, w.text)
			wordShards.start("w"+strconv.Itoa(len(firstWords)-1), '{')
		} else {
			wordShards.buf = append(wordShards.buf, ',')
		}
		b := append(appendJSON(wordShards.buf, w.text), ':', '"')
		b = encodePostings(b, postings[off[id]:off[id+1]], docs, ix.lengths, avg)
		wordShards.buf = append(b, '"')
	}
	if wordShards.open {
		wordShards.end('}')
	}

	// Theme shards: the documents of each theme.
	for t, m := range ix.members {
		ix.themeShards.start("t"+strconv.Itoa(t), '"')
		prev := 0
		for _, n := range m {
			ix.themeShards.buf = appendVarint(ix.themeShards.buf, n-prev)
			prev = n
		}
		ix.themeShards.end('"')
	}

	// The manifest: first words of the word shards after the first, and
	// the sizes of the document shards, as varints.
	var sizes []byte
	for i, start := range ix.docStarts {
		end := docs
		if i+1 < len(ix.docStarts) {
			end = ix.docStarts[i+1]
		}
		sizes = appendVarint(sizes, end-start)
	}
	if len(firstWords) > 0 {
		firstWords = firstWords[1:]
	}
	themes := make([][2]string, len(ix.themes))
	for i, t := range ix.themes {
		themes[i] = [2]string{t.Slug, t.Title}
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
	}{2, "", Kinds, ix.kindStart, themes, stopWords, orEmpty(firstWords), string(sizes)})

	shards := []*shardWriter{wordShards, &ix.docShards, &ix.themeShards}
	h := sha256.New()
	h.Write(manifest)
	for _, w := range shards {
		for i, name := range w.names {
			h.Write([]byte(name))
			h.Write(w.data[i])
		}
	}
	idx := &Index{Version: hex.EncodeToString(h.Sum(nil)[:versionBytes]), Themes: ix.themes, Shards: map[string][]byte{}}
	manifest = bytes.Replace(manifest, []byte(`"version":""`), []byte(`"version":"`+idx.Version+`"`), 1)
	idx.Manifest = slices.Concat([]byte("window.DOSSIER_SEARCH="), manifest, []byte(";\n"))
	for _, w := range shards {
		for i, name := range w.names {
			copy(w.files[i][len(shardPrefix):], idx.Version)
			idx.Shards["shards/"+name+".js"] = w.files[i]
		}
	}
	return idx
}

// A shard is the script DOSSIER_SEARCH_SHARD("<version>","<name>",<data>);
// whose version is the hash of the manifest and of every shard's name
// and data.
const (
	shardPrefix  = `DOSSIER_SEARCH_SHARD("`
	shardSuffix  = ");\n"
	versionBytes = 5
)

// shardWriter writes the shards of one kind. It writes each shard's
// script whole but for the version, which Index fills in when it has
// them all, so that no shard is copied into its script.
type shardWriter struct {
	buf   []byte // the script of the shard being written
	body  int    // where its data starts in buf
	open  bool
	names []string
	files [][]byte
	data  [][]byte // each file's data, within it
}

// start begins the shard name, whose data begins with the byte first.
func (w *shardWriter) start(name string, first byte) {
	w.buf = append(w.buf[:0], shardPrefix...)
	w.buf = append(w.buf, make([]byte, hex.EncodedLen(versionBytes))...)
	w.buf = append(append(append(w.buf, `","`...), name...), `",`...)
	w.body = len(w.buf)
	w.buf = append(w.buf, first)
	w.open = true
	w.names = append(w.names, name)
}

// len is the length of the data of the shard being written.
func (w *shardWriter) len() int { return len(w.buf) - w.body }

// end ends the shard being written, its data with the byte last.
func (w *shardWriter) end(last byte) {
	w.buf = append(append(w.buf, last), shardSuffix...)
	f := slices.Clone(w.buf)
	w.files = append(w.files, f)
	w.data = append(w.data, f[w.body:len(f)-len(shardSuffix)])
	w.open = false
}

// appendDoc appends a document as a document shard holds it:
// [title, href, [theme, ...], text].
func appendDoc(b, title []byte, href string, themes []int, text []byte) []byte {
	b = append(appendJSON(append(b, '['), title), ',')
	b = append(appendJSON(b, href), ',', '[')
	for i, t := range themes {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(t), 10)
	}
	return append(appendJSON(append(b, ']', ','), text), ']')
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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

// appendJSON appends s as marshal writes a string. The shards, most of
// the index, are written with it rather than with marshal, which would
// encode each document through reflection and allocate its result.
func appendJSON[T string | []byte](b []byte, s T) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := firstRune(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

const hexDigits = "0123456789abcdef"

// firstRune decodes the first rune of s, as utf8.DecodeRune does.
func firstRune[T string | []byte](s T) (rune, int) {
	var b [utf8.UTFMax]byte
	return utf8.DecodeRune(b[:copy(b[:], s)])
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

// vocabulary is the index's words, with the documents each is in. Words
// are numbered as they are first met, so that cutting text into words
// allocates only for words not met before.
type vocabulary struct {
	ids   map[string]int32
	words []word
	// hits are each document's words, a document after another; starts
	// are where each document's begin. A word's postings are made from
	// them once every document is in (see postings): grown word by word
	// as documents came, the postings were copied about twice over, 18
	// MB of the 161 MB a build of 2,000 notes allocated while rendering.
	// They are kept in chunks of hitChunk, so that none is copied.
	hits   [][]hit
	nhits  int32
	starts []int32
}

// word is what the vocabulary knows of a word, in one place, since
// every time the word is met it is all looked at.
type word struct {
	text string
	// docs counts the documents the word is in (none for a stop word),
	// and last is its hit in the last of them.
	docs, last int32
	// seen is the field (2 × document + field + 1) the word was last
	// counted in, for the field's length.
	seen int32
	stop bool
}

// hit is a word's count in the title and the text of one document.
type hit struct {
	word int32
	tf   [2]uint16
}

const hitChunk = 1 << 14

func newVocabulary() *vocabulary {
	v := &vocabulary{ids: map[string]int32{}}
	for _, w := range stopWords {
		v.words[v.id([]byte(w))].stop = true
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
	v.words = append(v.words, word{text: s})
	return id
}

// hit is the hit numbered i.
func (v *vocabulary) hit(i int32) *hit { return &v.hits[i/hitChunk][i%hitChunk] }

// newHit adds a hit of word id and returns its number.
func (v *vocabulary) newHit(id int32) int32 {
	if v.nhits%hitChunk == 0 {
		v.hits = append(v.hits, make([]hit, hitChunk))
	}
	i := v.nhits
	*v.hit(i) = hit{word: id}
	v.nhits++
	return i
}

// add indexes the words of field f (0 the title, 1 the text) of
// document doc, the documents in order and each one's title first, and
// returns the field's length for BM25: its number of distinct words,
// stop words included (MiniSearch counted about the same: distinct
// words before folding).
func (v *vocabulary) add(words *wordList, doc int32, f int) int {
	if f == 0 {
		v.starts = append(v.starts, v.nhits)
	}
	field := 2*doc + int32(f) + 1
	n, start := 0, int32(0)
	for _, end := range words.ends {
		id := v.id(words.buf[start:end])
		start = end
		w := &v.words[id]
		// Fields are counted in order, so a word not yet seen in this
		// document's fields has no hit in it yet.
		met := w.seen > 2*doc
		if w.seen != field {
			w.seen = field
			n++
		}
		if w.stop {
			continue
		}
		if !met {
			w.last = v.newHit(id)
			w.docs++
		}
		if tf := &v.hit(w.last).tf[f]; *tf < math.MaxUint16 {
			*tf++
		}
	}
	return n
}

// postings makes every word's postings, in document order, from the
// hits, which it lets go: those of word id are all[off[id]:off[id+1]].
func (v *vocabulary) postings() (all []posting, off []int32) {
	off = make([]int32, len(v.words)+1)
	for id, w := range v.words {
		off[id+1] = off[id] + w.docs
	}
	all = make([]posting, off[len(v.words)])
	next := slices.Clone(off[:len(v.words)])
	for doc, start := range v.starts {
		end := v.nhits
		if doc+1 < len(v.starts) {
			end = v.starts[doc+1]
		}
		for i := start; i < end; i++ {
			h := v.hit(i)
			all[next[h.word]] = posting{doc: int32(doc), tf: h.tf}
			next[h.word]++
		}
	}
	v.hits = nil
	return all, off
}

// Words cuts text into words as the page cuts queries, at runs of line
// ends, separators (Unicode Z) and punctuation (P), and folds each word
// as the page does: lower case, without accents ("Kŭlob" is "kulob").
// The empty words at the ends are left out.
func Words(s string) []string {
	var out []string
	eachWord([]byte(s), nil, func(w []byte) {
		out = append(out, string(w))
	})
	return out
}

func separator(r rune) bool {
	return r == '\n' || r == '\r' || unicode.In(r, unicode.Z, unicode.P)
}

// asciiSeparator is separator of the ASCII characters, looked up.
var asciiSeparator = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = separator(rune(c))
	}
	return t
}()

// asciiSpace is unicode.IsSpace of the ASCII characters, looked up.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsSpace(rune(c))
	}
	return t
}()

// eachWord calls fn with each word of s folded (see foldWord) into buf,
// leaving out words that fold to nothing, and returns buf for reuse. An
// ASCII word, most words, is folded as it is read.
func eachWord(s, buf []byte, fn func(folded []byte)) []byte {
	buf = buf[:0]
	start, ascii := 0, true
	for i := 0; i <= len(s); {
		n, sep := 1, true // the end of s ends a word as a separator does
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				sep = asciiSeparator[c]
				if !sep {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf = append(buf, c)
				}
			} else {
				var r rune
				r, n = utf8.DecodeRune(s[i:])
				sep = separator(r)
				ascii = ascii && sep
			}
		}
		if sep {
			if start < i {
				if !ascii {
					buf = foldWord(buf[:0], s[start:i])
				}
				if len(buf) > 0 {
					fn(buf)
				}
			}
			buf, ascii = buf[:0], true
			start = i + n
		}
		i += n
	}
	return buf
}

// foldWord appends w to b in lower case and without accents.
func foldWord(b, w []byte) []byte {
	for i, c := range w {
		if c >= utf8.RuneSelf {
			b = b[:len(b)-i]
			for _, r := range norm.NFD.String(strings.ToLower(string(w))) {
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

// appendFold appends s to b with runs of white space collapsed into one
// space and the ends trimmed: the page shows text on one line, so the
// rest is bytes for nothing. Bytes that are not UTF-8 become U+FFFD.
func appendFold[T string | []byte](b []byte, s T) []byte {
	start := len(b)
	space := false
	for i := 0; i < len(s); {
		// Most of a text is runs of ASCII letters, copied whole.
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
			j++
		}
		if j > i {
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = firstRune(s[i:])
		}
		i += n
		if unicode.IsSpace(r) {
			space = len(b) > start
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}
