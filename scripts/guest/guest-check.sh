#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot the guest matrix and check every cell.
#
#   guest-check.sh [--jobs N] [--timeout SECS] [--variants "nonpae smp"]
#                  [--backends "NAME..."|all] [--filter SUBSTRING]
#   guest-check.sh --print-selftest-variants   the variants compared with stock
#
# The default variants, nonpae and smp, keep make check within its time
# budget: smp is PAE + PTI in every mode; --variants "nonpae pae smp" adds
# the uniprocessor PAE kernel's matrix (and moves the PAE extras onto it).
#
# Cells: kernel variant (nonpae, pae = PAE + PTI, smp = PAE + PTI, SMP,
# ACPI, KVM/Xen guest, booted with 2 CPUs) x vdso=0/1/2 x reservetop=
# none/16M/64M x CPU with SEP (qemu32) and without (qemu32,-sep) x
# relvdso.backend= (default: the first backend of relvdso's table that takes
# fast entries and the first that does not, native and xen; all: every row;
# on smp a backend that clears SEP is booted on the SEP CPU only: its -sep
# cells would repeat the native ones), plus extra cells (bad
# vdso=/vdso_entry= values, vdso_entry=int80, vdso32=, PAE without PTI, a
# broken image in compat and normal mode, gdb, fault-injected images).
# The small kernels' cells also run the userspace consumers and tracers
# (rvx_userspace=1); the smp cells run Linux's x86 and vDSO selftests on
# every CPU (rvx_selftests=1) and compare them, with selftest-compare.sh,
# against the stock kernel of the same config (bzImage-$KVER-stock-smp)
# booted first with the same reservetop=, CPU and vdso= (1 for compat;
# stock has no compat mode) and its -sep twin.  What
# each cell must see (mode, entry method, compat address, SEP) comes from
# $BUILD/bin/relvdso-boot --print-expect, the same core on a simulated host;
# it goes to /init on the command line (rvx_mode=, rvx_entry=, rvx_base=,
# rvx_cpus=); /init
# prints RELVDSO-TEST lines and RELVDSO-DONE and reboots.  A cell fails on
# a timeout, a missing or failed test line, an unexpected skip, a missing
# boot-log line (relocation, entry, reservation, PTI) or a kernel
# BUG/WARNING/Oops/panic.  Serial logs: $BUILD/guest/logs/CELL.log.
#
# Needs $BUILD/guest/bzImage-$KVER-VARIANT of each variant and
# bzImage-$KVER-stock-smp for smp (build-kernel.sh [--stock]),
# $BUILD/guest/initramfs.cpio.gz (make-initramfs.sh) and
# $BUILD/bin/relvdso-boot (make all).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
export BUILD
G=$BUILD/guest
KVER=${KVER:-$(cat "$ROOT/kernel-glue/default-series")}
export KVER
HERE=$ROOT/scripts/guest
SIM=$BUILD/bin/relvdso-boot

# Tests every booted /init reports; those a disabled vDSO may skip.  The
# userspace consumers listed in $BUILD/guest/initramfs.tests are added.
TESTS="auxv image symbols entry syscall regs sixargs clock signal rt_signal maps procmem ptrace readonly fork exec klog cpuflag cpus sandwich datapage settime fastpath"
SKIP_DISABLED="image symbols entry regs sixargs clock rt_signal procmem ptrace readonly klog sandwich datapage settime fastpath crosscpu timens clocksource"
# The time tests that need the smp kernel: 2 CPUs, CONFIG_TIME_NS, a TSC
# clocksource (the small kernels boot on pit: TCG's PIT calibration of the
# TSC fails without HPET/PM timer, so there is no TSC to switch from, and
# an SMP kernel never registers pit, so it switches to hpet instead)
SMP_TESTS="crosscpu timens clocksource"
# Every boot holds the TSC stable (no watchdog switching it away mid-test)
TIME_OPTS="tsc=reliable"
# The debugger tests (init/debugger.c), booted with initramfs-gdb.cpio.gz.
GDB_TESTS="gdb_syscall gdb_vdso_map gdb_sigreturn gdb_rt_sigreturn"
# relvdso.inject=skip-STEP in compat mode: the tests that catch each skipped
# relocation step (measured); "init": static glibc's own vDSO setup in /init
# faults on the stale field, init is killed (SIGSEGV) before any test runs.
# e_entry: the image test and the consumers' "e_entry is __kernel_vsyscall"
# (legacy glibc's check); .eh_frame_hdr: gdb, and glibc's unwinder, which
# faults unwinding through the vDSO's signal frames.
INJECT_CAUGHT="entry: image legacy-probe vdso-glibc vdso-glibc-static vdso-musl strace-i-vdso-glibc strace-i-vdso-glibc-static strace-i-vdso-musl
load: init
dynamic: init
dtptr: init
dynsym: init
ehframe: $GDB_TESTS vdso-glibc vdso-glibc-static strace-i-vdso-glibc strace-i-vdso-glibc-static"
# What a variant's std cells run beyond the kernel-side tests (see above);
# GUEST_SELFTEST_VARIANTS="nonpae pae smp" compares every kernel with stock.
USERSPACE_VARIANTS="nonpae pae"
SELFTEST_VARIANTS=${GUEST_SELFTEST_VARIANTS:-smp}

# the kernel's shape: PAE + PTI (pae, smp), the CPUs it boots with (smp: 2)
shape() {	# VARIANT
	case $1 in pae|smp) pae=yes ;; *) pae=no ;; esac
	case $1 in smp) ncpus=2 ;; *) ncpus=1 ;; esac
	smp=; [ $ncpus -gt 1 ] && smp="--smp $ncpus"
	return 0
}
in_list() { case " $2 " in *" $1 "*) return 0 ;; esac; return 1; }

# ---- one stock cell: guest-check.sh --stock-cell VARIANT VDSO RESERVE CPU TIMEOUT ----
# The stock kernel runs /init's selftest suite alone (rvx_suite=selftests):
# its RELVDSO-SELFTEST lines are the reference of the relvdso cells; the
# cell fails only if the suite did not run to the end or the kernel broke.
if [ "${1:-}" = --stock-cell ]; then
	variant=$2 vdso=$3 reserve=$4 cpu=$5 timeout=$6
	shape "$variant"
	name="stock-$variant-vdso$vdso-rt$reserve-$cpu"
	log=$G/logs/$name.log
	append="vdso=$vdso rvx_suite=selftests rvx_cpus=$ncpus $TIME_OPTS"
	[ "$reserve" = none ] || append="reservetop=$reserve $append"
	[ $pae = yes ] && append="$append pti=on"
	[ "$cpu" = nosep ] && qcpu=qemu32,-sep || qcpu=qemu32
	t0=$(date +%s)
	rc=0
	"$HERE/run-qemu.sh" --kernel "$G/bzImage-$KVER-stock-$variant" --initrd "$G/initramfs.cpio.gz" \
		$smp --cpu "$qcpu" --timeout "$timeout" --log "$log" --append "$append" || rc=$?
	tr -d '\r' <"$log" >"$log.txt"
	L=$log.txt
	why=
	[ $rc -eq 0 ] || why="$why qemu-rc=$rc"
	grep -q '^RELVDSO-DONE' "$L" || why="$why no-RELVDSO-DONE"
	grep -q '^RELVDSO-TEST name=selftests result=pass' "$L" || why="$why selftests-did-not-run"
	# Linux itself must match the fast-path model /init checks relvdso with
	if [ "$vdso" != 0 ]; then
		for t in fastpath clocksource; do
			grep -q "^RELVDSO-TEST name=$t result=pass" "$L" || why="$why $t:not-pass"
		done
	fi
	grep -qE '(BUG:|WARNING:|Oops|Kernel panic|general protection)' "$L" && why="$why kernel-bug"
	runs=$(grep -c '^RELVDSO-SELFTEST ' "$L" || true)
	if [ -z "$why" ]; then
		echo "PASS $name ($(( $(date +%s) - t0 ))s) $runs selftest runs (the reference)"
	else
		rm -f "$L"	# no reference: the relvdso cells comparing with it fail
		echo "FAIL $name ($(( $(date +%s) - t0 ))s):$why  [log $log]"
	fi
	exit 0
fi

# ---- one cell: guest-check.sh --cell VARIANT VDSO RESERVE CPU BACKEND TIMEOUT [SCENARIO] ----
# SCENARIO (default std) varies the command line of an otherwise normal cell:
#   badopt    vdso=3 and vdso_entry=syscall come first: warned about and ignored
#   int80     vdso_entry=int80 on a SEP CPU: the int80 image, SEP stays on
#   vdso32    the option spelled vdso32=
#   nopti     a PAE kernel booted with nopti: the kernel PMD's user bit alone
#             must make the gate page reachable (head_32.S leaves it clear)
#   badimage  relvdso.inject=image (CONFIG_RELVDSO_FAULT_INJECT): every image
#             has a broken header; the boot must log why, disable the vDSO
#             (no AT_SYSINFO*, /init expects disabled) and run everything
#   gdb       the gdb initramfs: the debugger tests ($GDB_TESTS) must pass
#   datahdr   relvdso.inject=data-header: the data page's header is broken,
#             so every time function must make the system call (rvx_time=slow)
#             and the datapage test must see the bad magic
#   nx        qemu32,+nx: the datapage test's execute check (qemu32 lacks NX)
#   inject-STEP  relvdso.inject=skip-STEP: the compat image as if the
#             relocator had skipped STEP; the tests INJECT_CAUGHT names for
#             it must fail (or /init must die), every other one pass
if [ "${1:-}" = --cell ]; then
	variant=$2 vdso=$3 reserve=$4 cpu=$5 backend=$6 timeout=$7 scenario=${8:-std}
	name="$variant-vdso$vdso-rt$reserve-$cpu-$backend"
	[ "$scenario" = std ] || name="$name-$scenario"
	log=$G/logs/$name.log
	pre= post= logwant= xfail= initrd=initramfs.cpio.gz mem=256M
	case $scenario in
	std) ;;
	badopt) pre="vdso=3 vdso_entry=syscall"
		logwant="relvdso: bad vdso=3 ignored (unknown value)|relvdso: vdso_entry=syscall refused: an i386 kernel has no SYSCALL entry" ;;
	int80) pre="vdso_entry=int80"
		logwant="relvdso: entry int80 (requested by vdso_entry=" ;;
	vdso32) ;;
	nopti) logwant="Kernel/User page tables isolation: disabled on command line" ;;
	badimage) pre="relvdso.inject=image" ;;
	datahdr) pre="relvdso.inject=data-header" post="rvx_time=slow" xfail=datapage ;;
	nx) ;;
	# (gdb's archive unpacks to ~80 MB more of the RAM-backed root)
	gdb) initrd=initramfs-gdb.cpio.gz mem=512M TESTS="$TESTS $GDB_TESTS" ;;
	inject-*) pre="relvdso.inject=skip-${scenario#inject-}" initrd=initramfs-gdb.cpio.gz mem=512M
		TESTS="$TESTS $GDB_TESTS"
		logwant="relvdso: fault injection: compat image as if the relocator had skipped"
		xfail=$(echo "$INJECT_CAUGHT" | sed -n "s/^${scenario#inject-}: //p") ;;
	*) echo "FAIL $name: unknown scenario $scenario"; exit 0 ;;
	esac
	vopt=vdso; [ "$scenario" = vdso32 ] && vopt=vdso32
	shape "$variant"
	# The simulated host is this kernel: i386, the PMD-rounded fixmap
	# rule of the Linux 6.1 port, qemu32 an Intel CPU with or without SEP.
	set -- --print-expect --host=i386 --rule=pmd-rounded --backend="$backend" \
		--cmdline="$pre $vopt=$vdso"
	[ $pae = yes ] && set -- "$@" --pae
	[ "$reserve" = none ] || set -- "$@" --reservetop="$reserve"
	[ "$cpu" = nosep ] && set -- "$@" --cpu=nosep || set -- "$@" --cpu=intel
	expect=$("$SIM" "$@") || { echo "FAIL $name: relvdso-boot $*"; exit 0; }
	get() { echo "$expect" | sed -n "s/^$1=//p"; }
	mode=$(get mode)	# what /init must see
	asked=$(get requested)	# what vdso= asked for
	entry=$(get entry)
	base=$(get compat_base | sed 's/^0x//')
	sep_expect=$(get sep)
	if [ "$scenario" = badimage ]; then
		# every image is broken: whatever was asked, the boot disables the vDSO
		mode=disabled
		case $asked in
		compat) refusal="relvdso: compat vDSO 0x0 -> 0x$base: " ;;
		*) refusal="relvdso: normal vDSO: $entry image: " ;;
		esac
		logwant="relvdso: fault injection: e_phentsize broken in every image|$refusal|; vDSO disabled"
	fi
	append="$pre $vopt=$vdso relvdso.backend=$backend rvx_mode=$mode rvx_entry=$entry rvx_base=$base rvx_sep=$sep_expect rvx_cpus=$ncpus $TIME_OPTS $post"
	[ $ncpus -gt 1 ] && TESTS="$TESTS $SMP_TESTS"
	# the runner issue's userspace tests, when make-initramfs.sh packed them
	UTESTS=$(cat "$G/initramfs.tests" 2>/dev/null | tr '\n' ' ')
	in_list "$variant" "$USERSPACE_VARIANTS" || UTESTS=
	if [ -n "$UTESTS" ]; then
		append="$append rvx_userspace=1"
		TESTS="$TESTS $UTESTS"
		SKIP_DISABLED="$SKIP_DISABLED $(echo "$UTESTS" | tr ' ' '\n' | grep '^selftest-' | tr '\n' ' ')"
	fi
	selftests=no sdiff=
	if [ "$scenario" = std ] && in_list "$variant" "$SELFTEST_VARIANTS"; then
		selftests=yes
		append="$append rvx_selftests=1"
		TESTS="$TESTS selftests"
	fi
	[ "$reserve" = none ] || append="reservetop=$reserve $append"
	if [ "$scenario" = nopti ]; then append="$append nopti"
	elif [ $pae = yes ]; then append="$append pti=on"; fi
	[ "$cpu" = nosep ] && qcpu=qemu32,-sep || qcpu=qemu32
	[ "$scenario" = nx ] && qcpu=$qcpu,+nx

	t0=$(date +%s.%N)
	rc=0
	"$HERE/run-qemu.sh" --kernel "$G/bzImage-$KVER-$variant" --initrd "$G/$initrd" \
		$smp --cpu "$qcpu" --mem "$mem" --timeout "$timeout" --log "$log" --append "$append" || rc=$?
	secs=$(echo "$(date +%s.%N) - $t0" | bc | sed 's/^\./0./' | cut -c1-5)

	why=
	tr -d '\r' <"$log" >"$log.txt"
	L=$log.txt
	[ $rc -eq 124 ] && why="$why timeout(${timeout}s)"
	[ $rc -ne 0 ] && [ $rc -ne 124 ] && why="$why qemu-rc=$rc"
	grep -q '^RELVDSO-DONE' "$L" || why="$why no-RELVDSO-DONE"
	for t in $TESTS; do
		line=$(grep "^RELVDSO-TEST name=$t result=" "$L" | head -n1 || true)
		res=$(echo "$line" | sed -n 's/.* result=\([a-z]*\) .*/\1/p')
		case " $xfail " in *" $t "*) [ "$res" = fail ] || why="$why $t:not-caught"; continue ;; esac
		case "$res" in
		pass) ;;
		skip) [ $mode = disabled ] && echo " $SKIP_DISABLED " | grep -q " $t " || why="$why $t:unexpected-skip" ;;
		fail) why="$why $t:fail" ;;
		*) why="$why $t:missing" ;;
		esac
	done
	grep 'result=fail' "$L" | grep -qvE "name=($(echo $xfail | tr ' ' '|')) " && ! echo "$why" | grep -q ':fail' && why="$why other-test-failed"
	if [ $asked != disabled ]; then
		grep -q "relvdso: entry $entry (" "$L" || why="$why boot-log:no-'entry $entry'"
	else
		grep -q "relvdso: vDSO disabled by vdso=0" "$L" || why="$why boot-log:no-disabled-line"
	fi
	[ $mode = compat ] && { grep -q "compat vDSO 0x0 -> 0x$base ($entry image" "$L" ||
		why="$why boot-log:no-relocation-to-$base"; }
	[ "$reserve" != none ] && { grep -q "relvdso: reserve_top_address($reserve)" "$L" ||
		why="$why boot-log:no-reserve-line"; }
	grep -q "relvdso: backend $backend registered" "$L" || why="$why boot-log:no-backend-line"
	[ $pae = yes ] && [ "$scenario" != nopti ] && { grep -q "Kernel/User page tables isolation: enabled" "$L" ||
		why="$why boot-log:pti-not-enabled"; }
	grep -qE '(BUG:|WARNING:|Oops|Kernel panic|general protection)' "$L" && why="$why kernel-bug"
	if [ -n "$logwant" ]; then
		old_ifs=$IFS; IFS='|'
		for w in $logwant; do
			grep -qF "$w" "$L" || why="$why boot-log:no-'$w'"
		done
		IFS=$old_ifs
	fi

	if [ "$xfail" = init ]; then	# /init must die before its first test
		why=
		grep -q 'Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b' "$L" ||
			why="$why init-not-killed-by-SIGSEGV"
		grep -q '^RELVDSO-DONE' "$L" && why="$why init-survived"
		grep -qF "$logwant" "$L" || why="$why boot-log:no-injection-line"
	fi
	# the selftests against the stock kernel booted the same way
	if [ $selftests = yes ]; then
		[ "$asked" = disabled ] && sv=0 || sv=1
		[ $mode = disabled ] && ent=none || ent=$entry
		st=$G/logs/stock-$variant-vdso$sv-rt$reserve
		if [ -f "$st-$cpu.log.txt" ] && [ -f "$st-nosep.log.txt" ]; then
			"$HERE/selftest-compare.sh" --relvdso "$L" --stock "$st-$cpu.log.txt" \
				--stock-nosep "$st-nosep.log.txt" --mode "$mode" --entry "$ent" \
				--sep "$sep_expect" --cpu "$cpu" --backend "$backend" --reservetop "$reserve" \
				--variant "$variant" >"$log.compare" 2>&1 ||
				why="$why selftests:$(grep -c ': FAIL' "$log.compare" || true)-differ-from-stock[$log.compare]"
			sdiff="selftests: $(grep -c ': same$' "$log.compare" || true) same, $(grep -c ': expected: ' "$log.compare" || true) expected"
		else
			why="$why selftests:no-stock-reference($st-$cpu/nosep)"
		fi
	fi
	auxv=$(sed -n 's/^RELVDSO-AUXV //p' "$L" | head -n1)
	bytes=$(sed -n 's/^RELVDSO-TEST name=entry result=[a-z]* detail=AT_SYSINFO bytes \([0-9a-f.]*\) .*/\1/p' "$L" | head -n1)
	[ $mode = disabled ] && shown=none || shown=$entry
	if [ -z "$why" ]; then
		echo "PASS $name (${secs}s) entry=$shown ${auxv:-} ${bytes:+bytes=$bytes}${sdiff:+; $sdiff}"
	else
		echo "FAIL $name (${secs}s):$why  [log $log]"
	fi
	exit 0
fi

# ---- the matrix ----
jobs=2 timeout=90 variants="nonpae smp" backends= filter=
while [ $# -gt 0 ]; do
	case "$1" in
	--jobs) jobs=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--variants) variants=$2; shift 2 ;;
	--backends) backends=$2; shift 2 ;;
	--filter) filter=$2; shift 2 ;;
	--print-selftest-variants) echo "$SELFTEST_VARIANTS"; exit 0 ;;
	-h|--help) sed -n '3,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "guest-check.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
for v in $variants; do
	[ -f "$G/bzImage-$KVER-$v" ] || { echo "guest-check: no $G/bzImage-$KVER-$v (scripts/guest/build-kernel.sh --variant $v)" >&2; exit 2; }
done
[ -f "$G/initramfs.cpio.gz" ] || { echo "guest-check: no $G/initramfs.cpio.gz (scripts/guest/make-initramfs.sh)" >&2; exit 2; }
command -v qemu-system-i386 >/dev/null || { echo "guest-check: qemu-system-i386 missing" >&2; exit 2; }
[ -x "$SIM" ] || { echo "guest-check: no $SIM (make all)" >&2; exit 2; }

# the backend table: "NAME FAST" a row (FAST 1: takes sysenter/syscall)
table=$("$SIM" --list-backends)
fast=$(echo "$table" | awk '$2 == 1 { print $1; exit }')
slow=$(echo "$table" | awk '$2 == 0 { print $1; exit }')
case $backends in
"") backends="$fast $slow" ;;
all) backends=$(echo "$table" | awk '{ print $1 }') ;;
esac

# an smp cell boots a bigger kernel and runs the selftests three times
cell_timeout() { in_list "$1" "$SELFTEST_VARIANTS" && echo $((timeout * 2)) || echo "$timeout"; }
mkdir -p "$G/logs"
cells=$G/logs/cells.txt
: >"$cells"
for v in $variants; do
	for vd in 0 1 2; do
		for r in none 16M 64M; do
			for c in sep nosep; do
				for b in $backends; do
					n="$v-vdso$vd-rt$r-$c-$b"
					[ $v = smp ] && [ $c = nosep ] && ! echo "$table" | grep -qx "$b 1" && continue
					[ -z "$filter" ] || echo "$n" | grep -q -- "$filter" || continue
					echo "$v $vd $r $c $b $(cell_timeout $v)" >>"$cells"
				done
			done
		done
	done
done

# option-handling extras (one kernel each way is enough): $P is the first
# PAE + PTI kernel of the list (pae, else smp)
P=$(for v in $variants; do case $v in pae|smp) echo $v; break ;; esac; done)
for x in "nonpae 1 16M sep $fast badopt" "nonpae 2 64M sep $fast int80" "$P 2 64M sep $fast int80" \
	 "$P 2 16M sep $fast vdso32" "nonpae 0 none sep $fast vdso32" \
	 "$P 2 none sep $fast nopti" "$P 2 none nosep $slow nopti" "$P 1 64M sep $fast nopti" \
	 "nonpae 2 64M sep $fast badimage" "$P 1 none nosep $fast badimage" \
	 "nonpae 2 64M sep $fast gdb" "nonpae 1 none sep $fast gdb" "nonpae 0 none sep $fast gdb" \
	 "$P 2 64M nosep $slow gdb" "nonpae 2 64M sep $fast inject-entry" "nonpae 2 64M sep $fast inject-load" \
	 "nonpae 2 64M sep $fast inject-dynamic" "nonpae 2 64M sep $fast inject-dtptr" \
	 "nonpae 2 64M sep $fast inject-dynsym" "nonpae 2 64M sep $fast inject-ehframe" \
	 "$P 1 none sep $fast datahdr" "$P 2 64M sep $fast datahdr" "$P 1 none sep $fast nx" \
	 "$P 2 64M sep $fast nx"; do
	set -- $x
	[ $# -eq 6 ] && in_list "$1" "$variants" || continue
	n="$1-vdso$2-rt$3-$4-$5-$6"
	[ -z "$filter" ] || echo "$n" | grep -q -- "$filter" || continue
	echo "$1 $2 $3 $4 $5 $(cell_timeout $1) $6" >>"$cells"
done

# the stock references of the selftest cells: the same vdso= (1 for
# compat), reservetop and CPU, and the -sep twin; booted first
stock=$G/logs/stock-cells.txt
awk -v sv=" $SELFTEST_VARIANTS " '
	NF == 6 && index(sv, " " $1 " ") {
		v = ($2 == 0) ? 0 : 1
		print $1, v, $3, $4, $6; print $1, v, $3, "nosep", $6
	}' "$cells" | sort -u >"$stock"
for v in $(awk '{ print $1 }' "$stock" | sort -u); do
	[ -f "$G/bzImage-$KVER-stock-$v" ] || { echo "guest-check: no $G/bzImage-$KVER-stock-$v (scripts/guest/build-kernel.sh --variant $v --stock)" >&2; exit 2; }
done

n=$(( $(wc -l <"$stock") + $(wc -l <"$cells") ))
echo "guest-check: $n cells ($(wc -l <"$stock") of them stock references), $jobs at a time, timeout ${timeout}s each"
t0=$(date +%s)
results=$G/logs/results.txt
# the cells run a snapshot of this script, so editing it mid-run is harmless
snap=$G/logs/guest-check.snapshot.sh
cp "$0" "$snap"
sed -i "s|^HERE=.*|HERE=$HERE|; s|^ROOT=.*|ROOT=$ROOT|" "$snap"
chmod +x "$snap"
rm -f "$G"/logs/stock-*.log.txt
{
	xargs -r -P "$jobs" -L 1 "$snap" --stock-cell <"$stock"
	xargs -r -P "$jobs" -L 1 "$snap" --cell <"$cells"
} | tee "$results"
pass=$(grep -c '^PASS' "$results" || true)
fail=$(grep -c '^FAIL' "$results" || true)
missing=$(( n - pass - fail ))
echo "guest-check: $pass passed, $fail failed, $missing not run, of $n cells in $(( $(date +%s) - t0 ))s"
[ "$fail" -eq 0 ] && [ "$missing" -eq 0 ]
