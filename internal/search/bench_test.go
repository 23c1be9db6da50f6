package search_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/search"
)

// BenchmarkIndex measures making the search index of a resolved dossier:
// collecting the documents (Build) and cutting them into the manifest and
// shards (Index). It reports the index's size: all its files, the
// manifest, the largest word shard, and the number of files.
//
//	go test ./internal/search -run XXX -bench Index -benchmem
//	DOSSIER_BENCH_CONTENT=<content> go test ./internal/search -run XXX -bench 'Index/content'
func BenchmarkIndex(b *testing.B) {
	if dir := os.Getenv("DOSSIER_BENCH_CONTENT"); dir != "" {
		b.Run("content", func(b *testing.B) { benchmarkIndex(b, dir) })
		return
	}
	b.Run("shipped", func(b *testing.B) { benchmarkIndex(b, shippedContent) })
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) { benchmarkIndex(b, corpustest.Write(b, shippedContent, n)) })
	}
}

func benchmarkIndex(b *testing.B, content string) {
	res, diags, err := build.New(build.Options{Content: content}).Site()
	if err != nil || len(diags) > 0 {
		b.Fatal(err, diags)
	}
	var idx *search.Index
	for b.Loop() {
		idx = search.IndexOf(res.Index)
	}
	total, words, largest := len(idx.Manifest), 0, 0
	for name, data := range idx.Shards {
		total += len(data)
		if strings.HasPrefix(name, "shards/w") {
			words += len(data)
			largest = max(largest, len(data))
		}
	}
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(words), "word-shard-bytes")
	b.ReportMetric(float64(len(idx.Manifest)), "manifest-bytes")
	b.ReportMetric(float64(largest), "largest-word-shard-bytes")
	b.ReportMetric(float64(len(idx.Shards)+1), "files")
}
