#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the kernel's own scripts/checkpatch.pl --strict on every patch of a
# generated series, from the pristine source (so it sees the tree the
# series applies to).  A patch with any ERROR or WARNING fails;
# CHECKs are counted per type (the cover letter lists them with reasons).
# One exception, written down: kernel-glue/linux-$KVER/series/checkpatch-known
# lists "PATCH TYPE COUNT reason" lines, warnings known and not yet fixed
# (each also in the issue tracker).  Up to COUNT warnings of TYPE in patch
# PATCH are reported as known and do not fail; one more does.
#
#   checkpatch-series.sh [DIR]     DIR: default $BUILD/patches/linux-$KVER
#
# Environment: KVER, BUILD.
# Exit status: 0 no errors or warnings, 1 some (or a step failed), 2 bad usage.
set -eu
case "${1:-}" in
-h|--help) awk 'NR > 2 && !/^#/ { exit } NR > 2' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
-*) echo "checkpatch-series.sh: unknown option $1" >&2; exit 2 ;;
esac
. "$(dirname "$0")/env.sh"
dir=${1:-$BUILD/patches/linux-$KVER}
case "$dir" in /*) ;; *) dir=$PWD/$dir ;; esac
src=$("$ROOT/scripts/guest/kernel-src.sh")
# checkpatch runs scripts/spdxcheck.py on every new file: with Debian's
# python3 (python3-ply, python3-git), not another python3 first in PATH
PATH=/usr/bin:$PATH

known=$ROOT/kernel-glue/linux-$KVER/series/checkpatch-known
bad=0 n=0
checks=$(mktemp)
trap 'rm -f "$checks"' EXIT
for p in "$dir"/[0-9]*.patch; do
	[ -f "$p" ] || { echo "checkpatch-series: no patches in $dir" >&2; exit 1; }
	n=$((n + 1))
	out=$(cd "$src" && perl scripts/checkpatch.pl --strict --terse --show-types "$p" 2>&1 || true)
	e=$(printf '%s\n' "$out" | grep -c ': ERROR:' || true)
	w=$(printf '%s\n' "$out" | grep -c ': WARNING:' || true)
	c=$(printf '%s\n' "$out" | grep -c ': CHECK:' || true)
	printf '%s\n' "$out" | sed -n 's/.*: CHECK:\([A-Z_]*\):.*/\1/p' >>"$checks"
	# the known warnings of this patch (its number: 0001 -> 1)
	num=$(echo "${p##*/}" | sed 's/^0*\([0-9][0-9]*\)-.*/\1/')
	allowed=0
	if [ -f "$known" ]; then
		for type in $(awk -v n="$num" '$1 == n { print $2 }' "$known"); do
			limit=$(awk -v n="$num" -v t="$type" '$1 == n && $2 == t { print $3 }' "$known")
			have=$(printf '%s\n' "$out" | grep -c ": WARNING:$type:" || true)
			[ "$have" -le "$limit" ] || continue
			allowed=$((allowed + have))
			[ "$have" -eq 0 ] || echo "checkpatch: ${p##*/}: $have known $type warnings (series/checkpatch-known)"
		done
	fi
	echo "checkpatch: ${p##*/}: $e errors, $w warnings ($allowed known), $c checks"
	if [ "$e" -ne 0 ] || [ "$w" -ne "$allowed" ]; then
		printf '%s\n' "$out" | grep -E ': (ERROR|WARNING):' | head -n 20
		bad=1
	fi
done
if [ -s "$checks" ]; then
	echo "checkpatch: the checks, by type:"
	sort "$checks" | uniq -c | sort -rn | sed 's/^/checkpatch:   /'
fi
[ $bad = 0 ] && echo "checkpatch: $n patches of linux-$KVER: 0 errors, no warnings but the known ones" ||
	echo "checkpatch: linux-$KVER has errors or warnings" >&2
exit $bad
