#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/guest.sh BUILD RAW — the guest part of `make bench`: boot the relvdso
# guest kernel (i386, TCG) with bench-syscall32 as /init and the three images
# in /vdso, and copy its raw lines into RAW.  The guest kernel is another
# job's product (scripts/guest); when it or qemu is missing, RAW gets one
# "note" line saying so and the report shows it.
#   BENCH_GUEST_KERNEL  the bzImage (default BUILD/guest/bzImage-KVER-nonpae)
#   BENCH_GUEST_CPU     qemu CPU model (default qemu32: Intel, SEP)
#   BENCH_IMAGES        where the image files are (default BUILD/vdso)
set -eu

BUILD=$1
RAW=$2
KVER=${KVER:-$(cat "$(dirname "$0")/../kernel-glue/default-series")}
KERNEL=${BENCH_GUEST_KERNEL:-$BUILD/guest/bzImage-$KVER-nonpae}
CPU=${BENCH_GUEST_CPU:-qemu32}
OUT=$BUILD/bench
APPEND="console=ttyS0 panic=-1 vdso=1 relvdso.backend=native"

note() { echo "note $*" > "$RAW"; echo "bench: guest: $*" >&2; exit 0; }

[ -f "$KERNEL" ] || note "no guest kernel at $KERNEL (scripts/guest builds it)"
command -v qemu-system-i386 >/dev/null 2>&1 || note "qemu-system-i386 is not installed"
command -v cpio >/dev/null 2>&1 || note "cpio is not installed"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/vdso"
IMAGES=${BENCH_IMAGES:-$BUILD/vdso}
cp "$IMAGES"/vdso-int80.so "$IMAGES"/vdso-sysenter.so "$IMAGES"/vdso-syscall.so "$root/vdso/"
cp "$OUT/bin/bench-syscall32-static" "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$OUT/guest-initramfs.cpio.gz"

log=$OUT/guest-console.log
rc=0
timeout --kill-after=5 240 qemu-system-i386 -accel tcg -cpu "$CPU" -m 128M \
	-nographic -no-reboot -monitor none -serial stdio -display none \
	-kernel "$KERNEL" -initrd "$OUT/guest-initramfs.cpio.gz" \
	-append "$APPEND" </dev/null >"$log" 2>&1 || rc=$?

tr -d '\r' < "$log" | sed -n '/^BENCH-BEGIN$/,/^BENCH-END$/p' | grep -E '^(method|iters|round) ' > "$RAW.tmp" || true
if ! grep -q '^round ' "$RAW.tmp"; then
	rm -f "$RAW.tmp"
	note "the guest run produced no measurements (qemu exit $rc; console in $log)"
fi
entry=$(tr -d '\r' < "$log" | grep -m1 'relvdso: entry' || echo 'relvdso: entry line not found')
kver=$(tr -d '\r' < "$log" | sed -n 's/.*Linux version \([^ ]*\).*/\1/p' | head -n 1)
{
	echo "note Guest: Linux ${kver:-?} i386 with relvdso, qemu-system-i386 TCG, -cpu $CPU, command line \`$APPEND\`; kernel log: \`$entry\`."
	cat "$RAW.tmp"
} > "$RAW"
rm -f "$RAW.tmp"
