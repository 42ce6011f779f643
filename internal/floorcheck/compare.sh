#!/bin/sh
# compare.sh compares the whole passwordgrant command with floorcheck, the
# same driver with an analyzer that only builds the inspector, on the same
# packages: wall time, CPU time and peak RSS. Both commands load and
# type-check the same packages, so the difference is passwordgrant's own
# cost.
#
# Usage, from anywhere in the module:
#
#	internal/floorcheck/compare.sh [packages...]
#
# The default packages are those of BenchmarkAnalyzer (benchPatterns in
# passwordgrant/bench_test.go) that the command can load from the main module;
# the analysis corpus is a module of its own. RUNS (default 15) sets the
# number of measured runs of each command. The runs alternate between the two
# commands, after one warm-up run each, so that a change in the load of the
# machine hits both alike; the table shows medians.
# Needs GNU time (Debian: apt-get install time).
set -eu

cd "$(dirname "$0")/../.."
runs=${RUNS:-15}
[ $# -gt 0 ] || set -- net/http/... golang.org/x/oauth2 golang.org/x/oauth2/authhandler \
	golang.org/x/oauth2/clientcredentials golang.org/x/oauth2/endpoints \
	golang.org/x/oauth2/google/externalaccount golang.org/x/oauth2/internal \
	golang.org/x/oauth2/jws golang.org/x/oauth2/jwt

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/floorcheck" ./internal/floorcheck/cmd/floorcheck
go build -o "$bin/passwordgrant" ./cmd/passwordgrant

# measure CMD PACKAGES... appends "wall-seconds cpu-seconds peak-rss-KiB" to
# $bin/CMD.runs.
# GNU time's %e has 10 ms steps; date gives the wall time in nanoseconds.
measure() {
	cmd=$1
	shift
	t0=$(date +%s%N)
	# passwordgrant exits 3 when it has findings, which is no failure here.
	/usr/bin/time -f '%U %S %M' -o "$bin/$cmd.one" "$bin/$cmd" "$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	# GNU time writes "Command exited with non-zero status 3" first.
	tail -n 1 "$bin/$cmd.one" | awk -v ns=$((t1 - t0)) '{print ns / 1e9, $1 + $2, $3}' >>"$bin/$cmd.runs"
}

for cmd in floorcheck passwordgrant; do
	"$bin/$cmd" "$@" >/dev/null 2>&1 || true # warm-up: file and build caches
	: >"$bin/$cmd.runs"
done
i=0
while [ "$i" -lt "$runs" ]; do
	measure floorcheck "$@"
	measure passwordgrant "$@"
	i=$((i + 1))
done

# median FILE COLUMN
median() {
	awk -v c="$2" '{print $c}' "$1" | sort -g |
		awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# pairs COLUMN: the median and quartiles of passwordgrant/floorcheck over
# the pairs of adjacent runs, which cancels slow drifts in the load of the
# machine that the medians of the columns keep.
pairs() {
	paste -d ' ' "$bin/floorcheck.runs" "$bin/passwordgrant.runs" |
		awk -v c="$1" '{print $(c + 3) / $c}' | sort -g |
		awk '{v[NR] = $1} END {printf "%.3f [%.3f, %.3f]", v[int((NR + 1) / 2)], v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)]}'
}
fw=$(median "$bin/floorcheck.runs" 1)
fc=$(median "$bin/floorcheck.runs" 2)
fm=$(median "$bin/floorcheck.runs" 3)
pw=$(median "$bin/passwordgrant.runs" 1)
pc=$(median "$bin/passwordgrant.runs" 2)
pm=$(median "$bin/passwordgrant.runs" 3)

echo "Packages: $*"
echo "Medians of $runs alternating runs each, after a warm-up run."
echo
echo "| Command | Wall [s] | CPU user+sys [s] | Peak RSS [MiB] |"
echo "|:---|---:|---:|---:|"
awk -v fw="$fw" -v fc="$fc" -v fm="$fm" -v pw="$pw" -v pc="$pc" -v pm="$pm" 'BEGIN {
	printf "| floorcheck | %.3f | %.2f | %.1f |\n", fw, fc, fm / 1024
	printf "| passwordgrant | %.3f | %.2f | %.1f |\n", pw, pc, pm / 1024
	printf "| passwordgrant / floorcheck | %.3f | %.3f | %.3f |\n", pw / fw, pc / fc, pm / fm
}'
echo "| same, median of run pairs [quartiles] | $(pairs 1) | $(pairs 2) | $(pairs 3) |"
