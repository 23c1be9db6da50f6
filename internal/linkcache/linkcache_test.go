package linkcache

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// setBinary makes the package see the binary id for the test's length.
func setBinary(t testing.TB, id string) {
	t.Helper()
	old := binaryID
	binaryID = func() string { return id }
	t.Cleanup(func() { binaryID = old })
}

// fields are the fields of a node the cache keeps.
type fields struct {
	Target, Quote, Label string
	Credibility          int
	Offset, Length       int
	Err                  string
	Embed                bool
	Index                int
}

func fieldsOf(nodes []*wikilink.Node) []fields {
	out := []fields{}
	for _, n := range nodes {
		out = append(out, fields{n.Target, n.Quote, n.Label, n.Credibility, n.Offset, n.Length, n.Err, n.Embed, n.Index})
	}
	return out
}

// sameLinks reports how got differs from want, "" if it does not.
func sameLinks(got, want Links) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d entries, want %d", len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			return fmt.Sprintf("entry %v missing", k)
		}
		if gf, wf := fieldsOf(g), fieldsOf(w); !reflect.DeepEqual(gf, wf) {
			return fmt.Sprintf("entry %v:\n got %+v\nwant %+v", k, gf, wf)
		}
	}
	return ""
}

// sample is links for a few texts: without links, with one, with many,
// in unicode, with errors and embeds.
func sample() Links {
	return Links{
		KeyOf([]byte("no links at all")): {},
		KeyOf([]byte("nil list")):        nil,
		KeyOf([]byte("one [[kucera-2012]]")): {
			{Target: "kucera-2012", Offset: 4, Length: 15},
		},
		KeyOf([]byte("many")): {
			{Target: "smith-2019", Quote: "the river rose “twice” in one week", Label: "Smith", Credibility: 2, Offset: 10, Length: 60, Index: 0},
			{Target: "naïve-café", Label: "日本語のラベル", Offset: 80, Length: 30, Embed: true, Index: 1},
			{Target: "broken", Quote: "half a quo", Err: "malformed wikilink: unterminated quote", Offset: 120, Length: 2, Index: 2},
			{Target: "", Err: "malformed wikilink: empty target", Offset: 1 << 40, Length: 4, Index: 3},
			{Target: "odd", Credibility: -1, Offset: -5, Length: -1, Index: -2},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	setBinary(t, "test-binary")
	tests := []struct {
		name  string
		links Links
	}{
		{"empty", Links{}},
		{"nil", nil},
		{"sample", sample()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "links.bin")
			if err := Write(path, tt.links); err != nil {
				t.Fatal(err)
			}
			got := Read(path)
			if got == nil {
				t.Fatal("Read gave nil for a file Write wrote")
			}
			if d := sameLinks(got, tt.links); d != "" {
				t.Fatal(d)
			}
			for k, nodes := range got {
				for _, n := range nodes {
					if n.Parent() != nil || n.ChildCount() != 0 || n.NextSibling() != nil {
						t.Errorf("entry %v: restored node is not a bare node", k)
					}
				}
			}
		})
	}
}

func TestKeyOf(t *testing.T) {
	base := []byte("A note that cites [[kucera-2012#\"the first words\"]].\n")
	changed := bytes.Clone(base)
	changed[20] ^= 1
	swapped := bytes.Clone(base)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	tests := []struct {
		name  string
		a, b  []byte
		equal bool
	}{
		{"equal texts", base, bytes.Clone(base), true},
		{"empty texts", nil, []byte{}, true},
		{"one byte changed", base, changed, false},
		{"two bytes swapped", base, swapped, false},
		{"one byte appended", base, append(bytes.Clone(base), ' '), false},
		{"zero byte appended", base, append(bytes.Clone(base), 0), false},
		{"empty and one byte", nil, []byte{0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KeyOf(tt.a) == KeyOf(tt.b); got != tt.equal {
				t.Errorf("KeyOf(%q) == KeyOf(%q) is %v, want %v", tt.a, tt.b, got, tt.equal)
			}
		})
	}
	if k := KeyOf(base); k.Size != int64(len(base)) {
		t.Errorf("Size %d, want %d", k.Size, len(base))
	}
}

// smallFile is a valid file of a small set of links.
func smallFile(t *testing.T) []byte {
	t.Helper()
	links := Links{
		KeyOf([]byte("a")): {},
		KeyOf([]byte("b")): {
			{Target: "x-1", Quote: "qu“o”te", Label: "L", Credibility: 3, Offset: 7, Length: 20, Err: "e", Embed: true, Index: 0},
			{Target: "y", Offset: 300, Length: 5, Index: 1},
		},
	}
	data := encode(links, "test-binary")
	if decode(data, "test-binary") == nil {
		t.Fatal("the valid file does not decode")
	}
	return data
}

func TestReadRefuses(t *testing.T) {
	setBinary(t, "test-binary")
	dir := t.TempDir()
	data := smallFile(t)
	write := func(t *testing.T, b []byte) string {
		path := filepath.Join(dir, "links.bin")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("missing file", func(t *testing.T) {
		if got := Read(filepath.Join(dir, "absent.bin")); got != nil {
			t.Errorf("got %v", got)
		}
	})
	t.Run("folder", func(t *testing.T) {
		if got := Read(dir); got != nil {
			t.Errorf("got %v", got)
		}
	})
	t.Run("empty file", func(t *testing.T) {
		if got := Read(write(t, nil)); got != nil {
			t.Errorf("got %v", got)
		}
	})
	t.Run("valid file", func(t *testing.T) {
		if got := Read(write(t, data)); got == nil {
			t.Error("Read refused a valid file")
		}
	})
	t.Run("every truncation", func(t *testing.T) {
		for n := range len(data) {
			if got := Read(write(t, data[:n])); got != nil {
				t.Errorf("file cut to %d of %d bytes read as %v", n, len(data), got)
			}
		}
	})
	t.Run("trailing byte", func(t *testing.T) {
		if got := Read(write(t, append(bytes.Clone(data), 0))); got != nil {
			t.Errorf("got %v", got)
		}
	})
	t.Run("every flipped byte", func(t *testing.T) {
		for i := range data {
			for _, mask := range []byte{0x01, 0x80, 0xff} {
				b := bytes.Clone(data)
				b[i] ^= mask
				if got := Read(write(t, b)); got != nil {
					t.Errorf("byte %d xor %#x read as %v", i, mask, got)
				}
			}
		}
	})
	t.Run("another binary", func(t *testing.T) {
		path := write(t, data)
		setBinary(t, "other-binary")
		if got := Read(path); got != nil {
			t.Errorf("got %v", got)
		}
	})
	t.Run("another format version", func(t *testing.T) {
		b := bytes.Clone(data)
		b[len(magic)]++
		// A valid CRC, so that only the version refuses it.
		b = crcAppend(b[:len(b)-4])
		if got := Read(write(t, b)); got != nil {
			t.Errorf("got %v", got)
		}
	})
}

// crcAppend appends to body the CRC a file ends with.
func crcAppend(body []byte) []byte {
	return binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
}

func TestDecodeChecksLengths(t *testing.T) {
	// Files with a valid CRC whose counts and lengths claim more than
	// they hold: decode must refuse them without panicking or
	// allocating what they claim.
	head := func() []byte {
		b := append([]byte(magic), version)
		return appendString(b, "id")
	}
	// entry is a file of one entry, whose text is one byte long,
	// claiming nodes nodes in all and n in the entry, then rest.
	entry := func(nodes, n byte, rest ...byte) []byte {
		b := append(head(), 1, nodes, 2)
		b = append(b, make([]byte, 8)...)
		return append(append(b, n), rest...)
	}
	node := []byte{0, 0, 0, 0, 0, 0, 0, 1, 0}
	tests := []struct {
		name string
		body []byte
	}{
		{"huge entry count", append(head(), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0)},
		{"entry count past the end", append(head(), 5, 0)},
		{"huge node total", append(head(), 1, 0xff, 0xff, 0xff, 0xff, 0x0f)},
		{"node total past the end", entry(2, 1, node...)},
		{"entry past the node total", entry(0, 1, node...)},
		{"entry short of the node total", append(entry(2, 1, node...), make([]byte, 30)...)},
		{"huge node count", entry(1, 0xff, 0xff, 0xff, 0xff, 0x0f)},
		{"string past the end", entry(1, 1, 100, 'a', 0, 0, 0, 0, 0, 0, 0, 0)},
		{"embed not 0 or 1", entry(1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0)},
		{"bytes after the last entry", entry(1, 1, append(bytes.Clone(node), 0)...)},
		{"overlong varint", append(head(), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decode(crcAppend(tt.body), "id"); got != nil {
				t.Errorf("got %v", got)
			}
		})
	}
	// The same layout, well formed, decodes: the cases above fail for
	// the reason they name.
	got := decode(crcAppend(entry(1, 1, node...)), "id")
	if len(got) != 1 || len(got[Key{Size: 1}]) != 1 || !got[Key{Size: 1}][0].Embed {
		t.Errorf("well-formed file decoded as %v", got)
	}
}

func TestNoBinaryID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "links.bin")
	setBinary(t, "test-binary")
	data := encode(sample(), "")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	setBinary(t, "")
	if got := Read(path); got != nil {
		t.Errorf("Read without an identifier gave %v", got)
	}
	other := filepath.Join(t.TempDir(), "links.bin")
	if err := Write(other, sample()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("Write without an identifier wrote a file (stat: %v)", err)
	}
}

func TestBinaryID(t *testing.T) {
	id := executableID()
	if id == "" {
		t.Fatal("no identifier for the test binary")
	}
	if id != executableID() {
		t.Error("the identifier changes between calls")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := buildID(exe); err == nil && !strings.HasPrefix(id, "go:") {
		t.Errorf("identifier %q is not the build ID", id)
	}
}

func TestWrite(t *testing.T) {
	setBinary(t, "test-binary")
	dir := filepath.Join(t.TempDir(), "cache", "dossier")
	path := filepath.Join(dir, "links.bin")
	first := sample()
	second := Links{KeyOf([]byte("other")): {{Target: "z", Index: 0}}}
	if err := Write(path, first); err != nil {
		t.Fatal(err)
	}
	if d := sameLinks(Read(path), first); d != "" {
		t.Fatal(d)
	}
	if err := Write(path, second); err != nil {
		t.Fatal(err)
	}
	if d := sameLinks(Read(path), second); d != "" {
		t.Fatalf("after overwriting: %s", d)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "links.bin" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only links.bin", names)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o755&^umask(t) {
		t.Errorf("folder mode %v (%v)", fi.Mode(), err)
	}
}

// umask returns the process's umask, as the mode of a new folder shows.
func umask(t *testing.T) os.FileMode {
	dir := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ fi.Mode().Perm()
}

func TestWriteFails(t *testing.T) {
	setBinary(t, "test-binary")
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(file, "links.bin"), sample()); err == nil {
		t.Error("Write under a file succeeded")
	}
}

// TestWriteAtomic reads the file while two writers replace it: every
// read must give one writer's links whole. A Write that wrote the file
// in place would let a reader see it empty or cut.
func TestWriteAtomic(t *testing.T) {
	setBinary(t, "test-binary")
	dir := t.TempDir()
	path := filepath.Join(dir, "links.bin")
	a, b := bigLinks(200, 10), sample()
	if err := Write(path, a); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	for _, links := range []Links{a, b} {
		wg.Go(func() {
			for i := 0; i < 100; i++ {
				if err := Write(path, links); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	var failure string
	for loop := true; loop && failure == ""; {
		select {
		case <-done:
			loop = false
		default:
		}
		got := Read(path)
		switch {
		case got == nil:
			failure = "a read during writes gave no cache"
		case sameLinks(got, a) != "" && sameLinks(got, b) != "":
			failure = "a read during writes gave neither writer's links"
		}
	}
	<-done
	if failure != "" {
		t.Fatal(failure)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("%d files left in the folder, want 1", len(entries))
	}
}

func TestFile(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if _, err := os.UserCacheDir(); err != nil {
		t.Skip(err)
	}
	work := t.TempDir()
	t.Chdir(work)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	file := func(content string) string {
		t.Helper()
		f, err := File(content)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	rel := file("notes")
	for _, same := range []string{filepath.Join(wd, "notes"), "./notes/", "notes/../notes", filepath.Join(wd, "notes") + "/"} {
		if f := file(same); f != rel {
			t.Errorf("File(%q) = %q, File(%q) = %q", same, f, "notes", rel)
		}
	}
	for _, other := range []string{"notes2", "other/notes", filepath.Join(wd, "Notes"), "/notes"} {
		if f := file(other); f == rel {
			t.Errorf("File(%q) = File(%q) = %q", other, "notes", f)
		}
	}
	base := filepath.Base(rel)
	if filepath.Dir(rel) != filepath.Join(cache, "dossier") {
		t.Errorf("File gave %q, not in %q", rel, filepath.Join(cache, "dossier"))
	}
	if !strings.HasPrefix(base, "links-") || !strings.HasSuffix(base, ".bin") || len(base) != len("links-")+16+len(".bin") {
		t.Errorf("file name %q, want links-<16 hex digits>.bin", base)
	}
}

func FuzzRead(f *testing.F) {
	const id = "fuzz-binary"
	f.Add([]byte{})
	f.Add([]byte(magic))
	f.Add(encode(nil, id))
	f.Add(encode(Links{KeyOf(nil): {}}, id))
	f.Add(encode(sample(), id))
	f.Add(encode(sample(), "other"))
	f.Fuzz(func(t *testing.T, data []byte) {
		links := decode(data, id)
		if links == nil {
			return
		}
		again := decode(encode(links, id), id)
		if again == nil {
			t.Fatal("re-encoded links do not decode")
		}
		if d := sameLinks(again, links); d != "" {
			t.Fatal(d)
		}
	})
}

// bigLinks is links for docs documents of nodes wikilinks each, with
// strings like a dossier's.
func bigLinks(docs, nodes int) Links {
	links := make(Links, docs)
	words := []string{"river", "archive", "minister", "testimony", "shipment", "ledger", "harbour", "council", "witness", "record"}
	for d := range docs {
		text := fmt.Appendf(nil, "note %d", d)
		list := make([]*wikilink.Node, nodes)
		for j := range list {
			var q strings.Builder
			for w := 0; q.Len() < 40+(d*7+j*13)%40; w++ {
				q.WriteString(words[(d+j+w)%len(words)])
				q.WriteByte(' ')
			}
			n := &wikilink.Node{
				Target: fmt.Sprintf("%s-%d", words[(d*3+j)%len(words)], 1990+(d+j)%35),
				Offset: 200 + j*350 + d%97,
				Length: 30 + q.Len(),
				Index:  j,
			}
			if j%3 != 0 {
				n.Quote = strings.TrimSpace(q.String())
				n.Credibility = j % 7
			}
			if j%4 == 1 {
				n.Label = "the " + words[j%len(words)] + " report"
			}
			list[j] = n
		}
		links[KeyOf(text)] = list
	}
	return links
}

func BenchmarkRead(b *testing.B) {
	setBinary(b, "bench-binary")
	path := filepath.Join(b.TempDir(), "links.bin")
	links := bigLinks(10_000, 10)
	if err := Write(path, links); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if got := Read(path); len(got) != len(links) {
			b.Fatalf("read %d entries, want %d", len(got), len(links))
		}
	}
	b.ReportMetric(float64(fi.Size()), "file-bytes")
}
