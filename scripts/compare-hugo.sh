#!/usr/bin/env bash
# compare-hugo.sh: build the same synthetic dossier with dossier and with
# Hugo at several sizes, alternating runs, and print a Markdown table of
# median wall time and peak memory.
#
# Usage: scripts/compare-hugo.sh [-n "1000 5000 10000 20000"] [-C "project independent"] [-r 5] [-s 3] [-c REV] [-w DIR] [-o DIR] [-k] [-e]
#
#   -n SIZES  note counts to measure (default "1000 5000 10000 20000")
#   -C CORPORA which corpora to measure, a table each (default both):
#             project      cmd/corpus: generated notes that cite the
#                          shipped sources, and the same prose as a Hugo
#                          site with the dossier's sections
#             independent  ../shared/perf/gencorpus, written apart from
#                          this project: 4 KB notes without quote
#                          citations, and the same prose as a plain Hugo
#                          site (see its README)
#   -r RUNS   timed runs of each generator per size (default 5); one untimed
#             warm-up run of each comes first
#   -s SECS   pause after emptying an output folder and syncing, before
#             the timed run (default 3): on a disk that discards freed
#             blocks (ext4 mounted with discard, as on this VM), deleting
#             the previous run's 20,000 files goes on after sync returns
#             and would be charged to whichever build runs next (the
#             files it frees cost more for a minute: see -o)
#   -c REV    build dossier from git revision REV instead of the working tree
#   -w DIR    work folder for binaries, corpora and output (default: a new
#             temporary folder, removed at the end unless -k)
#   -o DIR    write the output folders under DIR rather than the work
#             folder. -o /dev/shm (a tmpfs) leaves the disk out: on ext4
#             without a journal, as on this VM, making a file skips every
#             inode freed in the last 60 s, and a build's system time
#             grows with the files the runs before it removed (more in
#             the comment below)
#   -k        keep the work folder
#   -e        also run the one-note edit benchmarks (working tree only):
#             BenchmarkIncrementalEdit/notes=10000 in internal/build (the
#             rebuild and the note's page) and BenchmarkEditToReload in
#             internal/serve (file write to reload event and to the new
#             page), on the shipped dossier and, where 5000 or 10000 are
#             among the sizes, on those corpora
#
# It installs nothing. It needs go, hugo (Debian: apt-get install -y hugo)
# and GNU time at /usr/bin/time (Debian: apt-get install -y time), and
# exits 2 naming whichever is missing.
#
# Every run is a full build into an emptied output folder: the folder is
# removed before each run of either generator, so both write every file.
# A sync and a pause after the removal keep the previous run's write-back
# and deletion out of the next run's time, but not all of the disk's
# cost: on ext4 without a journal (this VM's root file system), making a
# file skips every inode freed in the last 60 s (360 s while its
# inode-table block is unwritten), and perf puts up to half of a build's
# CPU in that scan (recently_deleted in fs/ext4/ialloc.c). The more files
# a run makes and the previous runs removed, the more it pays: system
# time for the same build went from 1.3 to 12 s. -o /dev/shm measures the
# generators without it.
# Runs alternate dossier, hugo, dossier, hugo, ... so that a change in the
# machine's load falls on both. Each corpus is written once per size: the
# shipped dossier plus N generated notes, and the same prose as a Hugo
# site. The project's corpus gives Hugo the dossier's own sections (theme
# and entity pages, backlinks), which cost Hugo more than they cost
# dossier; the independent one gives Hugo a plain site, so the two tables
# bound the comparison from both sides.
set -euo pipefail

sizes="1000 5000 10000 20000"
corpora="project independent"
runs=5
settle=3
rev=""
work=""
outroot=""
keep=false
edit=false

usage() {
	sed -n '5,/^# It installs/{/^# It installs/d;s/^# \{0,1\}//p;}' "$0" >&2
	exit 2
}

while getopts "n:C:r:s:c:w:o:keh" opt; do
	case "$opt" in
	n) sizes="$OPTARG" ;;
	C) corpora="$OPTARG" ;;
	r) runs="$OPTARG" ;;
	s) settle="$OPTARG" ;;
	c) rev="$OPTARG" ;;
	w) work="$OPTARG" ;;
	o) outroot="$OPTARG" ;;
	k) keep=true ;;
	e) edit=true ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -eq 0 ]] || usage
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || usage
[[ "$settle" =~ ^[0-9]+$ ]] || usage
for c in $corpora; do [[ "$c" == project || "$c" == independent ]] || usage; done

missing() {
	echo "compare-hugo: $1" >&2
	exit 2
}
command -v go >/dev/null || missing "go is not on PATH"
command -v hugo >/dev/null || missing "hugo is not on PATH; install it with: apt-get install -y hugo"
[[ -x /usr/bin/time ]] || missing "/usr/bin/time (GNU time) is missing; install it with: apt-get install -y time"

root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "$work" ]]; then
	work="$(mktemp -d "${TMPDIR:-/tmp}/compare-hugo.XXXXXX")"
	[[ "$keep" == true ]] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
if [[ -n "$outroot" ]]; then
	outroot="$(mktemp -d "$outroot/compare-hugo-out.XXXXXX")"
	[[ "$keep" == true ]] || trap 'rm -rf "$work" "$outroot"' EXIT
fi

# Binaries. The corpus generator always comes from the working tree; the
# dossier under test from the working tree or from -c REV.
(cd "$root" && go build -o "$work/corpus" ./cmd/corpus)
gencorpus="$root/../shared/perf/gencorpus"
if [[ " $corpora " == *" independent "* ]]; then
	[[ -d "$gencorpus" ]] || missing "$gencorpus is missing: the independent corpus comes from it"
	(cd "$gencorpus" && go build -o "$work/gencorpus" .)
fi
if [[ -n "$rev" ]]; then
	measured="$(git -C "$root" rev-parse --short "$rev")"
	rm -rf "$work/src" && mkdir -p "$work/src"
	git -C "$root" archive "$rev" | tar -x -C "$work/src"
	(cd "$work/src" && go build -o "$work/dossier" ./cmd/dossier)
else
	measured="$(git -C "$root" describe --always --dirty --abbrev=7 2>/dev/null || echo unknown)"
	(cd "$root" && go build -o "$work/dossier" ./cmd/dossier)
fi

# measure LOG CMD...: runs CMD under GNU time with its output in LOG and
# prints "wall-seconds peak-kilobytes cpu-seconds", CPU being user plus
# system time. A failed build stops the script.
measure() {
	local log="$1" t="$work/time.txt"
	shift
	if ! /usr/bin/time -f '%e %M %U %S' -o "$t" "$@" >"$log" 2>&1; then
		echo "compare-hugo: failed: $*" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	tail -n 1 "$t" | awk '{ print $1, $2, $3 + $4 }'
}

# median: the median of the numbers on stdin.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
ram="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "dossier $measured ($(go version | cut -d' ' -f3)), $(hugo version | cut -d' ' -f1-2)"
echo "$cpu, $(nproc) cores, $ram RAM; load before: $(uptime | sed 's/.*load average: //')"
echo "$runs alternating runs per generator and size after one warm-up each; full builds into emptied output folders on $(stat -f -c %T "${outroot:-$work}"), ${settle} s after emptying them"
echo

# write_corpus KIND N DIR: the shipped dossier plus N notes in DIR/content
# and the same prose as a Hugo site in DIR/hugo.
write_corpus() {
	local kind="$1" n="$2" dir="$3"
	case "$kind" in
	project)
		"$work/corpus" -notes "$n" -out "$dir/content" -hugo "$dir/hugo" -shipped "$root/content"
		;;
	independent)
		cp -r "$root/content" "$dir/content"
		"$work/gencorpus" -format dossier -n "$n" -o "$dir/content/notes" >/dev/null
		"$work/gencorpus" -n "$n" -o "$dir/hugo" >/dev/null
		;;
	esac
}

for kind in $corpora; do
rows=()
for n in $sizes; do
	dir="$work/$kind-n$n"
	out="${outroot:-$work}/$kind-n$n"
	rm -rf "$dir" "$out" && mkdir -p "$dir" "$out"
	echo "corpus: $kind, $n notes" >&2
	write_corpus "$kind" "$n" "$dir"
	: >"$dir/dossier.times"
	: >"$dir/hugo.times"
	for ((i = 0; i <= runs; i++)); do
		rm -rf "$out/out-dossier" && sync && sleep "$settle"
		d="$(cd "$work" && measure "$dir/dossier.log" "$work/dossier" build --content "$dir/content" --out "$out/out-dossier")"
		rm -rf "$out/out-hugo" && sync && sleep "$settle"
		h="$(measure "$dir/hugo.log" hugo --source "$dir/hugo" --destination "$out/out-hugo" --quiet)"
		if ((i > 0)); then # run 0 is the warm-up
			echo "$d" >>"$dir/dossier.times"
			echo "$h" >>"$dir/hugo.times"
			echo "  run $i: dossier $d, hugo $h (wall s, peak KB, CPU s)" >&2
		fi
	done
	dw="$(cut -d' ' -f1 "$dir/dossier.times" | median)"
	hw="$(cut -d' ' -f1 "$dir/hugo.times" | median)"
	dm="$(cut -d' ' -f2 "$dir/dossier.times" | median)"
	hm="$(cut -d' ' -f2 "$dir/hugo.times" | median)"
	dc="$(cut -d' ' -f3 "$dir/dossier.times" | median)"
	hc="$(cut -d' ' -f3 "$dir/hugo.times" | median)"
	rows+=("$(awk -v n="$n" -v dw="$dw" -v hw="$hw" -v dm="$dm" -v hm="$hm" -v dc="$dc" -v hc="$hc" 'BEGIN {
		printf "| %d | %.2f s | %.2f s | %.2f× | %.0f MB | %.0f MB | %.2f× | %.2f ms | %.1f s | %.1f s |",
			n, dw, hw, dw / hw, dm / 1024, hm / 1024, dm / hm, dw * 1000 / n, dc, hc }')")
	rm -rf "$out"
done

echo "The $kind corpus:"
echo
echo "| notes | dossier wall | hugo wall | wall ratio | dossier peak | hugo peak | memory ratio | dossier wall per note | dossier CPU | hugo CPU |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
done
echo "Medians of $runs runs. Peak is maximum resident set size (MB = 1024 KB); CPU is user plus system time."
echo "Load after: $(uptime | sed 's/.*load average: //')"

if [[ "$edit" == true ]]; then
	echo
	echo "One-note edit (go test benchmarks, 20 edits each):"
	(cd "$root" && go test ./internal/build -run '^$' -bench 'IncrementalEdit/notes=10000$' -benchtime 20x -benchmem) | grep -E '^Benchmark' || true
	echo "EditToReload on the shipped dossier:"
	(cd "$root" && go test ./internal/serve -run '^$' -bench 'EditToReload$' -benchtime 20x) | grep -E '^Benchmark' || true
	for kind in $corpora; do
		for n in 5000 10000; do
			if [[ -d "$work/$kind-n$n/content" ]]; then
				echo "EditToReload on the $kind corpus, $n notes:"
				(cd "$root" && DOSSIER_BENCH_CONTENT="$work/$kind-n$n/content" go test ./internal/serve -run '^$' -bench 'EditToReload$' -benchtime 20x -timeout 30m) | grep -E '^Benchmark' || true
			fi
		done
	done
fi
