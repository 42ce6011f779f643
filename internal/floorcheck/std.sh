#!/bin/sh
# std.sh runs passwordgrant on the standard library, tests included (the
# command's default), and fails if it reports anything, fails or crashes:
# std has no password grant, so any finding there is a false positive. It
# takes about 7 s with a warm build cache and some 6 minutes with an empty
# one (building std's export data); .ci/run runs it.
#
# Usage, from anywhere in the module:
#
#	internal/floorcheck/std.sh            # check std
#	FLOOR=1 internal/floorcheck/std.sh    # also time floorcheck on std
#
# The timings need GNU time (Debian: apt-get install time); without it the
# check still runs.
set -eu

cd "$(dirname "$0")/../.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/passwordgrant" ./cmd/passwordgrant
go build -o "$bin/floorcheck" ./internal/floorcheck/cmd/floorcheck

# timed FORMAT CMD ARGS... runs CMD under GNU time if there is one.
timed() {
	format=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "$format" -o "$bin/time" "$@"
	else
		echo "no /usr/bin/time: not timed" >"$bin/time"
		"$@"
	fi
}

status=0
timed 'passwordgrant std: wall %e s, CPU %U+%S s, peak RSS %M KiB' \
	"$bin/passwordgrant" std >"$bin/pg.out" 2>&1 || status=$?
cat "$bin/time"
if [ "$status" -ne 0 ] || [ -s "$bin/pg.out" ]; then
	echo "passwordgrant std: exit status $status, output:" >&2
	cat "$bin/pg.out" >&2
	exit 1
fi

if [ -n "${FLOOR:-}" ]; then
	timed 'floorcheck std: wall %e s, CPU %U+%S s, peak RSS %M KiB' \
		"$bin/floorcheck" std >/dev/null 2>&1 || true
	cat "$bin/time"
fi
