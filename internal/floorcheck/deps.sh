#!/bin/sh
# deps.sh measures what facts (-deps) cost: the whole command with and
# without -deps, each against the do-nothing floor of the same load mode
# (floorcheck, and floorcheck -facts, which declares a fact type and so makes
# the driver analyze every dependency from source). Wall time and peak RSS,
# medians of RUNS (default 7) alternating runs after a warm-up run each.
#
# Usage, from anywhere in the repository:
#
#	internal/floorcheck/deps.sh DIR [packages...]
#
# DIR is the module to run in (the packages default to ./...). Needs GNU
# time (Debian: apt-get install time).
set -eu

cd "$(dirname "$0")/../.."
repo=$(pwd)
runs=${RUNS:-7}
dir=$1
shift
[ $# -gt 0 ] || set -- ./...

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/floorcheck" ./internal/floorcheck/cmd/floorcheck
go build -o "$bin/passwordgrant" ./cmd/passwordgrant
cd "$dir"

# measure NAME CMD ARGS... appends "wall-seconds peak-rss-KiB" to $bin/NAME.runs.
measure() {
	name=$1
	shift
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$bin/$name.one" "$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	tail -n 1 "$bin/$name.one" | awk -v ns=$((t1 - t0)) '{print ns / 1e9, $1}' >>"$bin/$name.runs"
}


names="floor passwordgrant floor-facts passwordgrant-deps"
cmdline() {
	case $1 in
	floor) echo "$bin/floorcheck" ;;
	passwordgrant) echo "$bin/passwordgrant" ;;
	floor-facts) echo "$bin/floorcheck -facts" ;;
	passwordgrant-deps) echo "$bin/passwordgrant -deps" ;;
	esac
}
for n in $names; do
	# shellcheck disable=SC2046
	$(cmdline "$n") "$@" >/dev/null 2>&1 || true # warm-up
	: >"$bin/$n.runs"
done
i=0
while [ "$i" -lt "$runs" ]; do
	for n in $names; do
		# shellcheck disable=SC2046
		measure "$n" $(cmdline "$n") "$@"
	done
	i=$((i + 1))
done

median() {
	awk -v c="$2" '{print $c}' "$1" | sort -g |
		awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
echo "Module: ${dir#"$repo"/}, packages: $*"
echo "Medians of $runs alternating runs each, after a warm-up run."
echo
echo "| Command | Wall [s] | Peak RSS [MiB] |"
echo "|:---|---:|---:|"
for n in $names; do
	awk -v c="$(cmdline "$n" | sed "s|$bin/||")" -v w="$(median "$bin/$n.runs" 1)" -v m="$(median "$bin/$n.runs" 2)" \
		'BEGIN { printf "| %s | %.2f | %.0f |\n", c, w, m / 1024 }'
done
pw=$(median "$bin/passwordgrant.runs" 1)
dw=$(median "$bin/passwordgrant-deps.runs" 1)
pm=$(median "$bin/passwordgrant.runs" 2)
dm=$(median "$bin/passwordgrant-deps.runs" 2)
awk -v pw="$pw" -v dw="$dw" -v pm="$pm" -v dm="$dm" 'BEGIN {
	printf "| -deps / default | %.2f | %.2f |\n", dw / pw, dm / pm
}'
