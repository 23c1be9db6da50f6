// Package linkcache keeps, on disk between runs, the wikilinks each
// document's text gave, so that dossier serve can take them at start
// instead of parsing every note only to find its links: at 10,000 notes
// (118 MB) that parse was half of the start.
//
// An entry is keyed by the text's content, not by its file's name or
// time, and the file records which binary wrote it, because the links a
// text gives belong to the parser that found them. A wrong entry would
// silently give wrong links, so any doubt about the file, from a missing
// file to one flipped byte, reads as no cache: the caller parses.
//
// The file is a compact binary format written by hand, so that reading
// it costs little beside the parse it saves: 10,000 documents of 10
// links each make a 6.6 MB file that Read takes in 10 to 16 ms on two
// cores. It is, in order: the magic, the
// format version, the binary's identifier, the number of entries and of
// links in all, each entry's key and links, and a CRC-32 (Castagnoli)
// of all before it.
package linkcache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Key identifies a document's text: its length and two CRC-32s of it
// (Castagnoli and IEEE, both computed in hardware by Go's hash/crc32 on
// amd64), so that an edited text that kept its length matches an old
// entry only with odds of about 2^-64.
type Key struct {
	Size int64
	Sum  uint64
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// KeyOf returns the key of the text src.
func KeyOf(src []byte) Key {
	c := crc32.Checksum(src, castagnoli)
	i := crc32.ChecksumIEEE(src)
	return Key{Size: int64(len(src)), Sum: uint64(c)<<32 | uint64(i)}
}

// Links maps texts to the wikilinks a parse of them finds.
type Links map[Key][]*wikilink.Node

// Read reads the cache file at path. Any problem (no file, a file another
// build of dossier wrote, a truncated or corrupted file, an unknown
// format) gives nil and no error: the caller parses instead.
func Read(path string) Links {
	id := binaryID()
	if id == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return decode(data, id)
}

// Write writes links to path atomically (a temporary file in the same
// folder, then rename), creating the folder (0o755) if needed, so that a
// reader never sees half a file and two writers leave one whole file.
// It writes nothing when the binary has no identifier, since Read would
// refuse the file. It does not sync: a file a crash left damaged fails
// its CRC and reads as no cache.
func Write(path string, links Links) error {
	id := binaryID()
	if id == "" {
		return nil
	}
	data := encode(links, id)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// File is where the cache of the content folder content lives: under
// os.UserCacheDir(), in "dossier", named "links-" plus the first 16 hex
// digits of the SHA-256 of content's absolute path, plus ".bin". Each
// content folder has its own file, so that serving two sites in turn
// does not throw away the other's cache.
func File(content string) (string, error) {
	abs, err := filepath.Abs(content)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, "dossier", "links-"+hex.EncodeToString(sum[:8])+".bin"), nil
}

// binaryID identifies the running executable, "" when it cannot be
// told: then there is no cache. Tests replace it to play another binary.
var binaryID = sync.OnceValue(executableID)

// executableID returns the Go build ID of the running executable, or,
// when it has none that can be read, the SHA-256 of its bytes. The build
// ID is read from the ELF note in a few kilobytes; hashing the whole
// executable takes tens of milliseconds.
func executableID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id, err := buildID(exe); err == nil {
		return "go:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// buildID returns the Go build ID recorded in the ELF executable exe's
// ".note.go.buildid" section: a note named "Go" of type 4.
func buildID(exe string) (string, error) {
	f, err := elf.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return "", errors.New("no Go build ID note")
	}
	note, err := s.Data()
	if err != nil {
		return "", err
	}
	return parseNote(note, f.ByteOrder)
}

// parseNote returns the description of an ELF note named "Go" of type 4.
func parseNote(note []byte, order binary.ByteOrder) (string, error) {
	bad := errors.New("malformed Go build ID note")
	if len(note) < 16 {
		return "", bad
	}
	namesz := order.Uint32(note[0:])
	descsz := order.Uint32(note[4:])
	typ := order.Uint32(note[8:])
	if namesz != 4 || typ != 4 || !bytes.Equal(note[12:16], []byte("Go\x00\x00")) {
		return "", bad
	}
	if descsz == 0 || uint64(descsz) > uint64(len(note)-16) {
		return "", bad
	}
	return string(note[16 : 16+descsz]), nil
}

// The file's first bytes: magic, then the format version, to be raised
// whenever the layout changes.
const (
	magic   = "dossier-links\n"
	version = 1
)

// encode returns the file of links, written by the binary id.
func encode(links Links, id string) []byte {
	b := make([]byte, 0, 64+len(id)+len(links)*64)
	b = append(b, magic...)
	b = append(b, version)
	b = appendString(b, id)
	b = binary.AppendUvarint(b, uint64(len(links)))
	total := 0
	for _, nodes := range links {
		total += len(nodes)
	}
	b = binary.AppendUvarint(b, uint64(total))
	for k, nodes := range links {
		b = binary.AppendVarint(b, k.Size)
		b = binary.LittleEndian.AppendUint64(b, k.Sum)
		b = binary.AppendUvarint(b, uint64(len(nodes)))
		for _, n := range nodes {
			b = appendString(b, n.Target)
			b = appendString(b, n.Quote)
			b = appendString(b, n.Label)
			b = binary.AppendVarint(b, int64(n.Credibility))
			b = binary.AppendVarint(b, int64(n.Offset))
			b = binary.AppendVarint(b, int64(n.Length))
			b = appendString(b, n.Err)
			if n.Embed {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
			b = binary.AppendVarint(b, int64(n.Index))
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// The fewest bytes an entry and a node take: a count needs one, a key
// nine (a size and eight bytes of sums); a node's four strings, four
// ints and Embed one each.
const (
	minEntry = 1 + 8 + 1
	minNode  = 9
)

// decode returns the links in data if a binary id wrote it and it is
// whole, and nil otherwise. The links' strings share data's bytes, so
// nothing may write to data after. All nodes share one array, and all
// lists another: two allocations rather than two per document, which
// at 100,000 nodes took Read from 27-50 ms to 12.
func decode(data []byte, id string) Links {
	if len(data) < len(magic)+1+4 || string(data[:len(magic)]) != magic || data[len(magic)] != version {
		return nil
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil
	}
	d := decoder{b: body, s: unsafe.String(unsafe.SliceData(body), len(body)), i: len(magic) + 1}
	if d.str() != id || d.bad {
		return nil
	}
	entries := d.count(minEntry)
	total := d.count(minNode)
	if d.bad || entries*minEntry+total*minNode > len(body)-d.i {
		return nil
	}
	links := make(Links, entries)
	slab := make([]wikilink.Node, total)
	ptrs := make([]*wikilink.Node, total)
	next := 0 // the first node of slab no entry has taken
	for range entries {
		var k Key
		k.Size = d.varint()
		k.Sum = d.uint64()
		n := d.count(minNode)
		if d.bad || n > total-next {
			return nil
		}
		nodes := ptrs[next : next+n : next+n]
		for j := range nodes {
			w := &slab[next+j]
			w.Target = d.str()
			w.Quote = d.str()
			w.Label = d.str()
			w.Credibility = d.int()
			w.Offset = d.int()
			w.Length = d.int()
			w.Err = d.str()
			w.Embed = d.bool()
			w.Index = d.int()
			nodes[j] = w
		}
		if d.bad {
			return nil
		}
		next += n
		links[k] = nodes
	}
	if next != total || d.i != len(body) {
		return nil
	}
	return links
}

// decoder reads b from i on. The first thing it cannot read sets bad,
// after which it reads zeros: the caller checks bad after a run of reads
// rather than after each.
type decoder struct {
	b   []byte
	s   string // b's bytes as a string, for the strings decoded
	i   int
	bad bool
}

func (d *decoder) uvarint() uint64 { return next(d, binary.Uvarint) }

func (d *decoder) varint() int64 { return next(d, binary.Varint) }

// next reads one value with read, one of binary's varint readers, which
// say how many bytes they took, or 0 or less when they cannot.
func next[T uint64 | int64](d *decoder, read func([]byte) (T, int)) T {
	if d.bad {
		return 0
	}
	v, n := read(d.b[d.i:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) int() int {
	v := d.varint()
	if int64(int(v)) != v {
		d.bad = true
		return 0
	}
	return int(v)
}

func (d *decoder) uint64() uint64 {
	if d.bad || len(d.b)-d.i < 8 {
		d.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b[d.i:])
	d.i += 8
	return v
}

func (d *decoder) bool() bool {
	if d.bad || d.i >= len(d.b) || d.b[d.i] > 1 {
		d.bad = true
		return false
	}
	d.i++
	return d.b[d.i-1] == 1
}

// str reads a length and that many bytes.
func (d *decoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)-d.i) {
		d.bad = true
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

// count reads a number of items that take at least size bytes each, and
// refuses one the rest of the file cannot hold, so that a corrupt count
// cannot make decode allocate more than the file's size over again.
func (d *decoder) count(size int) int {
	n := d.uvarint()
	if d.bad || n > uint64((len(d.b)-d.i)/size) {
		d.bad = true
		return 0
	}
	return int(n)
}
