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
# Then the time functions (issue 12): the guest initramfs's /init with
# rvx_suite=timebench on the relvdso kernel and on the stock kernel of the
# same config (nonpae: one CPU, the least noise under TCG), each booted
# with the TSC held stable (tsc=reliable; tsc_early_khz= because TCG's PIT
# calibration fails on this kernel and it would boot without a TSC) and
# with clocksource=pit.  Targets, per call, median of per-round ratios:
# TSC: relvdso's vDSO <= 1.05x stock's vDSO; pit: relvdso's vDSO <= 1.05x
# the system call through __kernel_vsyscall (its fallback), same boot.
# (TSC: the ratio of the two boots' medians; pit: the median of per-round
# ratios, both sides in one boot.)
# The figures go to RAW as note lines (the report prints them as they are).
#   BENCH_TIME_VARIANT  the config (default nonpae; smp works too)
set -eu

BUILD=$1
RAW=$2
KVER=${KVER:-$(cat "$(dirname "$0")/../kernel-glue/default-series")}
KERNEL=${BENCH_GUEST_KERNEL:-$BUILD/guest/bzImage-$KVER-nonpae}
CPU=${BENCH_GUEST_CPU:-qemu32}
OUT=$BUILD/bench
APPEND="console=ttyS0 panic=-1 vdso=1 relvdso.backend=native"

note() { echo "note $*" > "$RAW"; echo "bench: guest: $*" >&2; time_bench; exit 0; }

# ---- the time functions: relvdso and stock, TSC and pit ----
TV=${BENCH_TIME_VARIANT:-nonpae}
TIME_REGIMES="tsc:tsc=reliable tsc_early_khz=2000000|pit:clocksource=pit"
time_boot() {	# KERNEL-SUFFIX REGIME OPTIONS -> $OUT/time-SUFFIX-REGIME.txt
	tlog=$OUT/guest-time-$1-$2.log
	"$(dirname "$0")/../scripts/guest/run-qemu.sh" --kernel "$BUILD/guest/bzImage-$KVER-$1" \
		--initrd "$BUILD/guest/initramfs.cpio.gz" --cpu "$CPU" --timeout 400 --log "$tlog" \
		--append "vdso=1 rvx_suite=timebench $3" || true
	tr -d '\r' <"$tlog" | grep '^RELVDSO-BENCH case=' | sed "s/^RELVDSO-BENCH /kernel=$1 regime=$2 /"
	tr -d '\r' <"$tlog" | sed -n "s/^clocksource: Switched to clocksource /kernel=$1 regime=$2 clocksource=/p" | tail -n1
}
time_bench() {
	for k in $TV stock-$TV; do
		[ -f "$BUILD/guest/bzImage-$KVER-$k" ] ||
			{ echo "note Time functions: no $BUILD/guest/bzImage-$KVER-$k (scripts/guest/build-kernel.sh)." >>"$RAW"; return 0; }
	done
	[ -f "$BUILD/guest/initramfs.cpio.gz" ] ||
		{ echo "note Time functions: no guest initramfs (scripts/guest/make-initramfs.sh)." >>"$RAW"; return 0; }
	echo "bench: guest: time functions, $TV and stock-$TV, TSC and pit" >&2
	traw=$OUT/raw-guest-time.txt
	: >"$traw"
	old_ifs=$IFS; IFS='|'
	for r in $TIME_REGIMES; do
		IFS=$old_ifs
		for k in $TV stock-$TV; do time_boot "$k" "${r%%:*}" "${r#*:}" >>"$traw"; done
		IFS='|'
	done
	IFS=$old_ifs
	# per case: median over rounds of the per-round ratio (both sides measured in one run)
	awk -v tv="$TV" '
	function med(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
	}
	{ split("", f); for (i = 1; i <= NF; i++) { k = $i; sub(/=.*/, "", k); v = $i; sub(/^[^=]*=/, "", v); f[k] = v } }
	f["clocksource"] != "" { cs[f["kernel"], f["regime"]] = f["clocksource"]; next }
	{
		k = (f["kernel"] ~ /^stock/) ? "stock" : "relvdso"
		key = f["regime"] SUBSEP f["case"]
		if (!(key in seen)) { seen[key] = 1; order[++n] = key }
		ns[key, k, f["via"], f["round"]] = f["ns"]; if (f["round"] + 1 > rounds) rounds = f["round"] + 1
	}
	END {
		print "note Time functions in the guest (issue 12): `" tv "` vs `stock-" tv "`, one CPU, ns per call under TCG (medians over " rounds " interleaved rounds); ratio: TSC, of the medians of the two boots; pit, the median of per-round ratios in the relvdso boot. TSC boots: `tsc=reliable tsc_early_khz=2000000` (clocksource " cs[tv, "tsc"] " / stock " cs["stock-" tv, "tsc"] "); pit boots: `clocksource=pit` (" cs[tv, "pit"] " / " cs["stock-" tv, "pit"] "). Targets: TSC, relvdso vDSO / stock vDSO <= 1.05; pit, relvdso vDSO / relvdso syscall <= 1.05."
		for (i = 1; i <= n; i++) {
			split(order[i], kk, SUBSEP); reg = kk[1]; c = kk[2]
			m = 0; m2 = 0; split("", a); split("", b); split("", x); split("", y); split("", z)
			for (r = 0; r < rounds; r++) {
				rv = ns[order[i], "relvdso", "vdso", r]; st = ns[order[i], "stock", "vdso", r]
				sy = ns[order[i], "relvdso", "syscall", r]
				if (rv == "" || st == "" || sy == "") continue
				m++; a[m] = rv / st; b[m] = rv / sy; x[m] = rv; y[m] = st; z[m] = sy
			}
			if (!m) { print "note - " reg " " c ": no data"; continue }
			# (the TSC ratio pairs two boots: medians, not rounds; pit: one boot, per round)
			ratio = reg == "tsc" ? med(x, m) / med(y, m) : med(b, m)
			what = reg == "tsc" ? "relvdso/stock vDSO" : "relvdso vDSO/syscall"
			printf "note - %s, %s: relvdso vDSO %.0f ns, stock vDSO %.0f ns, syscall %.0f ns; %s **%.2f** (target 1.05: %s)\n", \
				reg, c, med(x, m), med(y, m), med(z, m), what, ratio, ratio <= 1.05 ? "met" : "MISSED"
		}
	}' "$traw" >>"$RAW"
}

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
time_bench
