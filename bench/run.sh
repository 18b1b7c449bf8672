#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/run.sh BUILD — the body of `make bench` (see bench/README.md).
# Runs every benchmark once, interleaved rounds inside each, then writes
# BUILD/bench/results.md and the PNG plots.  BENCH_QUICK=1: fewer rounds
# (for trying the pipeline; the numbers are then only indicative).
set -eu

BUILD=${1:-build}
OUT=$BUILD/bench
BIN=$OUT/bin
CHROOT=${BENCH_CHROOT:-$BUILD/chroot-i386}
start=$(date +%s)

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	SYS_ROUNDS=5 RELOC_ROUNDS=3 PROC_ROUNDS=3 START_K=10 LOOP_N=300 FORK_N=300 CALL_ROUNDS=3
else
	SYS_ROUNDS=15 RELOC_ROUNDS=15 PROC_ROUNDS=7 START_K=30 LOOP_N=1000 FORK_N=1000 CALL_ROUNDS=9
fi

mkdir -p "$OUT"
rm -f "$OUT"/raw-*.txt "$OUT"/*.png "$OUT"/*.dat "$OUT"/results.md

# Snapshot what we measure: other jobs rebuild build/bin and build/vdso in
# the same tree, and a binary relinked mid-run would fail or mix versions.
rm -rf "$OUT/snap"
mkdir -p "$OUT/snap/vdso"
cp "$BUILD/bin/vdsorun" "$OUT/snap/vdsorun"
cp "$BUILD"/vdso/vdso-int80.so "$BUILD"/vdso/vdso-sysenter.so "$BUILD"/vdso/vdso-syscall.so "$OUT/snap/vdso/"
RUNNER=$(realpath "$OUT/snap/vdsorun")
IMAGES=$OUT/snap/vdso
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- 2>/dev/null || rev="$rev + uncommitted changes"

say() { printf 'bench: %s\n' "$*"; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
host_info="Host: ${cpu:-unknown CPU}, $(nproc) CPU(s), Linux $(uname -r) ($(uname -m)); load average at start $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); tree $rev."
say "$host_info"

# 1. syscall round trip, all paths in one 32-bit process
say "syscall round trip ($SYS_ROUNDS rounds)"
"$BIN/bench-syscall32" -r "$SYS_ROUNDS" "$IMAGES" > "$OUT/raw-syscall.txt"

# 2. relocation: real images and synthetic scaling
say "relocation ($RELOC_ROUNDS rounds)"
"$BIN/bench-reloc" -r "$RELOC_ROUNDS" > "$OUT/raw-reloc.txt"

# 3. runner overhead: whole processes natively vs under vdsorun
L32=$(realpath "$BIN/bench-load32")
L32S=$(realpath "$BIN/bench-load32-static")
# Every workload runs under the default --trace=exec and, right after it in
# the same rounds, under --trace=always (series NAME/vdsorun-trace-always):
# bench-report sets the two side by side.
ALWAYS=--trace=always
say "runner: syscall-heavy and time-heavy ($PROC_ROUNDS rounds)"
"$BIN/bench-procs" -r "$PROC_ROUNDS" -k 1 \
	-- syscall-heavy/native "$L32" getppid 2000000 \
	-- syscall-heavy/vdsorun "$RUNNER" "$L32" getppid 2000000 \
	-- syscall-heavy/vdsorun-trace-always "$RUNNER" $ALWAYS "$L32" getppid 2000000 \
	> "$OUT/raw-procs.txt"
"$BIN/bench-procs" -r "$PROC_ROUNDS" -k 1 \
	-- clock-heavy/native "$L32" clock 2000000 \
	-- clock-heavy/vdsorun "$RUNNER" "$L32" clock 2000000 \
	-- clock-heavy/vdsorun-trace-always "$RUNNER" $ALWAYS "$L32" clock 2000000 \
	-- clock-heavy/vdsorun-forward-off "$RUNNER" --forward=off "$L32" clock 2000000 \
	>> "$OUT/raw-procs.txt"

# per call: the vDSO's time functions natively, forwarded, and as system
# calls; one process per variant and round, the order rotating per round
T32=$(realpath "$BIN/bench-time32")
time_variant() {	# VARIANT ROUND
	case $1 in
	native) "$T32" -v "$1" -n "$2" ;;
	vdsorun) "$RUNNER" "$T32" -v "$1" -n "$2" ;;
	vdsorun-forward-off) "$RUNNER" --forward=off "$T32" -v "$1" -n "$2" ;;
	esac
}
say "runner: time calls per call, native / vdsorun / --forward=off ($CALL_ROUNDS rounds)"
r=0
while [ $r -lt "$CALL_ROUNDS" ]; do
	case $((r % 3)) in
	0) order="native vdsorun vdsorun-forward-off" ;;
	1) order="vdsorun vdsorun-forward-off native" ;;
	*) order="vdsorun-forward-off native vdsorun" ;;
	esac
	for v in $order; do
		time_variant "$v" "$r" >> "$OUT/raw-procs.txt"
	done
	r=$((r + 1))
done

say "runner: start-up latency ($PROC_ROUNDS rounds x $START_K launches)"
"$BIN/bench-procs" -r "$PROC_ROUNDS" -k "$START_K" \
	-- startup-static/native "$L32S" true \
	-- startup-static/vdsorun "$RUNNER" "$L32S" true \
	-- startup-static/vdsorun-trace-always "$RUNNER" $ALWAYS "$L32S" true \
	-- startup-static/vdsorun-compat "$RUNNER" --vdso=compat "$L32S" true \
	-- startup-dynamic/native "$L32" true \
	-- startup-dynamic/vdsorun "$RUNNER" "$L32" true \
	-- startup-dynamic/vdsorun-trace-always "$RUNNER" $ALWAYS "$L32" true \
	>> "$OUT/raw-procs.txt"

say "runner: fork-only loop, $FORK_N × fork + _exit ($PROC_ROUNDS rounds)"
"$BIN/bench-procs" -r "$PROC_ROUNDS" -k 1 \
	-- fork/native "$L32S" fork "$FORK_N" \
	-- fork/vdsorun "$RUNNER" "$L32S" fork "$FORK_N" \
	-- fork/vdsorun-trace-always "$RUNNER" $ALWAYS "$L32S" fork "$FORK_N" \
	>> "$OUT/raw-procs.txt"

loop="i=0; while [ \$i -lt $LOOP_N ]; do /bin/true; i=\$((i+1)); done"
if [ -x "$CHROOT/bin/true" ] && [ -x "$CHROOT/bin/sh" ] && [ "$(id -u)" = 0 ]; then
	fork_note="fork+exec: $LOOP_N × \`/bin/true\` (Debian i386, dynamic) run by the chroot's \`/bin/sh\` loop: \`chroot $CHROOT /bin/sh -c LOOP\` vs \`vdsorun [--trace=always] --root=$CHROOT /bin/sh -c LOOP\`."
	say "runner: fork+exec loop in $CHROOT ($PROC_ROUNDS rounds)"
	"$BIN/bench-procs" -r "$PROC_ROUNDS" -k 1 \
		-- fork-exec/native chroot "$CHROOT" /bin/sh -c "$loop" \
		-- fork-exec/vdsorun "$RUNNER" --root="$CHROOT" /bin/sh -c "$loop" \
		-- fork-exec/vdsorun-trace-always "$RUNNER" $ALWAYS --root="$CHROOT" /bin/sh -c "$loop" \
		>> "$OUT/raw-procs.txt"
else
	fork_note="fork+exec: **no i386 chroot at $CHROOT (or not root)**: fell back to a static i386 program that forks and execs a static trivial i386 program $LOOP_N times (build the chroot with \`debootstrap --arch=i386 --variant=minbase bookworm $CHROOT http://deb.debian.org/debian\`)."
	say "runner: no chroot at $CHROOT; fork+exec loop with a static program ($PROC_ROUNDS rounds)"
	"$BIN/bench-procs" -r "$PROC_ROUNDS" -k 1 \
		-- fork-exec/native "$L32S" forkexec "$LOOP_N" "$L32S" true \
		-- fork-exec/vdsorun "$RUNNER" "$L32S" forkexec "$LOOP_N" "$L32S" true \
		-- fork-exec/vdsorun-trace-always "$RUNNER" $ALWAYS "$L32S" forkexec "$LOOP_N" "$L32S" true \
		>> "$OUT/raw-procs.txt"
fi

# 4. guest: the syscall round trip inside the relvdso i386 guest kernel
say "guest: booting the relvdso guest kernel under TCG (if there is one)"
if [ "${BENCH_GUEST:-1}" = 1 ]; then
	BENCH_IMAGES=$IMAGES bench/guest.sh "$BUILD" "$OUT/raw-guest.txt"
else
	echo "note Skipped (BENCH_GUEST=0)." > "$OUT/raw-guest.txt"
fi

BENCH_HOST_INFO="$host_info

$fork_note

fork-only: \`bench-load32-static fork $FORK_N\` ($FORK_N × fork, the child \`_exit(0)\`s at once, wait) natively vs \`vdsorun [--trace=always] bench-load32-static fork $FORK_N\`." \
	"$BIN/bench-report" "$OUT" "$OUT/raw-syscall.txt" "$OUT/raw-reloc.txt" \
	"$OUT/raw-procs.txt" "$OUT/raw-guest.txt"

status=0
if command -v gnuplot >/dev/null 2>&1; then
	gnuplot -e "dir='$OUT'" bench/plots.gp
	say "plots: $OUT/syscall.png $OUT/reloc-scale.png $OUT/runner.png"
else
	say "gnuplot not found: no plots. Install it: apt-get install -y --no-remove gnuplot-nox" >&2
	status=1
fi
say "done in $(( $(date +%s) - start )) s: $OUT/results.md"
exit $status
