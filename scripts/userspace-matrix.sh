#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# userspace-matrix.sh BUILD: every userspace consumer x --vdso=0/1/2 x
# --reservetop none/64M x entry auto/int80 under vdsorun, plus the sysenter
# fallback cell, Linux's time selftests with --forward=off, forward-probe's
# fast path and time namespace cells, busybox-static's shell from the
# chroot, the i386 chroot (root and unprivileged), and debuggers under
# vdsorun (scripts/userspace/matrix-debuggers.sh: gdb attaching and
# running, strace -f, Linux's ptrace_syscall).  All of it once per
# vdsorun --trace mode (exec, always); each cell's name ends in trace=MODE.
# One line per cell: PASS / FAIL <why> / SKIP <why>; then "N passed,
# N failed, N skipped".  Exit 1 on any failure.  Each cell is bounded by
# `timeout -k 5 60`.
set -u
BUILD=${1:-build}
OUT=$BUILD/userspace-tests
RUN=$BUILD/bin/vdsorun
CHROOT=$BUILD/chroot-i386
pass=0 fail=0 skip=0
LOG=$OUT/matrix.log
mkdir -p "$OUT" && : >"$LOG"

TRACE="exec"	# vdsorun --trace=, set by the outer loop
PASS() { echo "PASS $1 trace=$TRACE"; pass=$((pass + 1)); }
FAIL() { echo "FAIL $1 trace=$TRACE: $2"; fail=$((fail + 1)); }
SKIP() { echo "SKIP $1 trace=$TRACE: $2"; skip=$((skip + 1)); }

[ -x "$RUN" ] || { echo "FAIL setup: $RUN missing (make all)"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# What "auto" picks on this host (see README: the chooser's table).
case $(grep -m1 vendor_id /proc/cpuinfo) in
*AuthenticAMD*|*HygonGenuine*) AUTO_ENTRY=syscall ;;
*) AUTO_ENTRY=sysenter ;;
esac

compat_addr() {	# RESERVE -> the compat page: host keeps 16M, page-rounded rule
	case $1 in none) echo 0xfeffe000 ;; 64M) echo 0xfaffe000 ;; esac
}

# run VDSORUN-OPTS... -- PROGRAM ARGS: output in $out, status in $rc
run() { run_under "" "$@"; }

# run_under "PREFIX WORDS" VDSORUN-OPTS...: the same, vdsorun started by PREFIX (e.g. unshare)
run_under() {
	local prefix=$1
	shift
	# shellcheck disable=SC2086 # PREFIX is words
	# -k: a vdsorun that outlives TERM (its program held in a stop) is KILLed
	out=$(timeout -k 5 60 $prefix "$RUN" --trace="$TRACE" "$@" 2>&1)
	rc=$?
	{ echo "=== $prefix $RUN --trace=$TRACE $*  (rc=$rc)"; echo "$out"; } >>"$LOG"
	[ $rc = 124 ] && out="$out
(timed out after 60s)"
}

firstfail() { echo "$out" | grep -m1 -E 'FAIL|verdict|rror|Assert|timed out' || echo "$out" | tail -n1; }

# A libc consumer taking --expect/--addr/--entry; exit 0 and a PASS summary.
cell_consumer() {	# PROG MODE RESERVE ENTRY
	local prog=$1 mode=$2 res=$3 entry=$4 exp want
	local cell="$prog vdso=$mode reservetop=$res entry=$entry"
	local ropt=() ; [ "$res" = none ] || ropt=(--reservetop="$res")
	want=$entry; [ "$entry" = auto ] && want=$AUTO_ENTRY
	case $mode in
	2) exp=(--expect=compat --addr="$(compat_addr "$res")" --entry="$want") ;;
	1) exp=(--expect=normal --entry="$want") ;;
	0) exp=(--expect=none) ;;
	esac
	if [ ! -x "$OUT/$prog" ]; then
		SKIP "$cell" "$(cat "$OUT/$prog.skip" 2>/dev/null || echo "$prog not built")"
		return
	fi
	run --vdso="$mode" "${ropt[@]}" --entry="$entry" -- "$OUT/$prog" "${exp[@]}"
	if [ $rc = 0 ] && echo "$out" | tail -n1 | grep -q ': PASS$'; then
		PASS "$cell"
	else
		FAIL "$cell" "rc=$rc; $(firstfail)"
	fi
}

# The legacy glibc 2.3.3 probe: compat-ok / mismatch / no-vdso by mode.
cell_legacy() {	# MODE RESERVE ENTRY
	local mode=$1 res=$2 entry=$3 addr verdict code
	local cell="legacy-probe vdso=$mode reservetop=$res entry=$entry"
	local ropt=() ; [ "$res" = none ] || ropt=(--reservetop="$res")
	case $mode in 2) verdict=compat-ok code=0 ;; 1) verdict=mismatch code=1 ;; 0) verdict=no-vdso code=0 ;; esac
	run --vdso="$mode" "${ropt[@]}" --entry="$entry" -- "$OUT/legacy-probe"
	addr=$(compat_addr "$res")
	if [ $rc != $code ] || ! echo "$out" | grep -q "verdict=$verdict\$"; then
		FAIL "$cell" "want verdict=$verdict exit $code, got rc=$rc $(echo "$out" | grep -m1 verdict)"
	elif [ "$mode" = 2 ] && ! echo "$out" | grep -q "AT_SYSINFO_EHDR $addr"; then
		FAIL "$cell" "compat-ok but not at $addr: $(echo "$out" | head -n1)"
	else
		PASS "$cell"
	fi
}

# Linux's selftests/vDSO: kselftest exit 4 or [SKIP] is a skip, never a pass.
# FORWARD (default host) is vdsorun's --forward=: off serves every time
# function through the image's system calls.
cell_selftest() {	# NAME MODE RESERVE ENTRY [FORWARD]
	local t=$1 mode=$2 res=$3 entry=$4 fw=${5:-host}
	local cell="selftest/$t vdso=$mode reservetop=$res entry=$entry"
	local ropt=() ; [ "$res" = none ] || ropt=(--reservetop="$res")
	[ "$fw" = host ] || cell="$cell forward=$fw"
	ropt+=(--forward="$fw")
	if [ ! -x "$OUT/selftests/$t" ]; then
		SKIP "$cell" "$(cat "$OUT/selftests/$t.skip" "$OUT/selftests.skip" 2>/dev/null | head -n1 || true)"
		return
	fi
	run --vdso="$mode" "${ropt[@]}" --entry="$entry" -- "$OUT/selftests/$t"
	if [ "$mode" = 0 ]; then
		# No vDSO: each must notice and not fail (expected outcome per test).
		case $t:$rc in
		vdso_test_abi:4|vdso_test_getcpu:4|vdso_test_gettimeofday:4)
			echo "$out" | grep -q 'AT_SYSINFO_EHDR is not present' && { PASS "$cell"; return; } ;;
		vdso_test_correctness:0)
			echo "$out" | grep -q 'failed to find vDSO' && ! echo "$out" | grep -q '\[FAIL\]' && { PASS "$cell"; return; } ;;
		vdso_standalone_test_x86:1)
			[ -z "$out" ] && { PASS "$cell"; return; } ;;
		vdso_test_clock_getres:0)
			! echo "$out" | grep -q FAIL && { PASS "$cell"; return; } ;;
		esac
		FAIL "$cell" "no vDSO not handled as expected: rc=$rc $(firstfail)"
		return
	fi
	if [ $rc = 4 ] || echo "$out" | grep -qE '\[SKIP\]|skip:[1-9]|Could not find'; then
		SKIP "$cell" "$(echo "$out" | grep -m1 -E 'SKIP|skip:|Could not find|not present' || echo "exit 4")"
	elif [ $rc != 0 ] || echo "$out" | grep -qE '\[FAIL\]|fail:[1-9]|failed to find'; then
		FAIL "$cell" "rc=$rc $(echo "$out" | grep -m1 -E 'FAIL|fail:|failed' || echo "$out" | tail -n1)"
	else
		PASS "$cell"
	fi
}

SELFTESTS="vdso_test_abi vdso_test_clock_getres vdso_test_gettimeofday vdso_test_getcpu vdso_standalone_test_x86 vdso_test_correctness"
consumer_cells() {
	local mode res entry prog t
	for mode in 2 1 0; do
		for res in none 64M; do
			for entry in auto int80; do
				cell_legacy "$mode" "$res" "$entry"
				for prog in vdso-glibc vdso-glibc-static vdso-musl vdso-go vdso-dietlibc vdso-klibc; do
					cell_consumer "$prog" "$mode" "$res" "$entry"
				done
				for t in $SELFTESTS; do
					cell_selftest "$t" "$mode" "$res" "$entry"
				done
			done
		done
	done
}

# --forward=off: the image's own system calls serve the time functions.
# Linux's time selftests (they sandwich vDSO and syscall for every clock
# id) in both image modes and both entries; --reservetop only moves the
# pages, so none only (cheap: 16 cells of the 96 the full product has).
forward_off_cells() {
	local mode entry t
	for mode in 2 1; do
		for entry in auto int80; do
			for t in vdso_test_abi vdso_test_clock_getres vdso_test_gettimeofday vdso_test_correctness; do
				cell_selftest "$t" "$mode" none "$entry" off
			done
		done
	done
}

# forward-probe fastpath: under a seccomp filter that fails the i386 time
# system calls, forwarded calls of the fast clock ids answer in userspace
# and the rest reach the filter; with --forward=off every call does.
# Exit 4: the host's own vDSO is not fast here (a skip).
cell_fastpath() {	# MODE FORWARD ENTRY
	local mode=$1 fw=$2 entry=$3 popt=()
	local cell="forward-probe fastpath vdso=$mode forward=$fw entry=$entry"
	[ "$fw" = off ] && popt=(--off)
	run --vdso="$mode" --forward="$fw" --entry="$entry" -- "$OUT/forward-probe" fastpath "${popt[@]}"
	if [ $rc = 4 ]; then
		SKIP "$cell" "$(echo "$out" | grep -m1 SKIP)"
	elif [ $rc = 0 ] && echo "$out" | tail -n1 | grep -q ': PASS$'; then
		PASS "$cell"
	else
		FAIL "$cell" "rc=$rc; $(firstfail)"
	fi
}

# Time namespaces: vdsorun inside `unshare -T` with monotonic and boottime
# offsets of 1000 days (past any host's uptime, so a value without them
# shows); both clocks through our vDSO must carry them, and keep answering
# under the seccomp filter when forwarded (the host's vDSO applies them).
TIMENS_OFFSET=86400000
cell_timens() {	# MODE FORWARD
	local mode=$1 fw=$2 popt=()
	local cell="forward-probe timens vdso=$mode forward=$fw (unshare -T, offsets +${TIMENS_OFFSET}s)"
	[ "$fw" = off ] && popt=(--off)
	if [ "$(id -u)" != 0 ]; then
		SKIP "$cell" "not root: unshare -T needs CAP_SYS_ADMIN"
		return
	elif [ ! -e /proc/self/timens_offsets ]; then
		SKIP "$cell" "this kernel has no time namespaces (CONFIG_TIME_NS)"
		return
	fi
	run_under "unshare -T --monotonic=$TIMENS_OFFSET --boottime=$TIMENS_OFFSET --fork" \
		--vdso="$mode" --forward="$fw" -- "$OUT/forward-probe" timens "$TIMENS_OFFSET" "${popt[@]}"
	if [ $rc = 0 ] && echo "$out" | tail -n1 | grep -q ': PASS$'; then
		PASS "$cell"
	elif [ $rc != 0 ] && echo "$out" | head -n1 | grep -q '^unshare: '; then
		SKIP "$cell" "$(echo "$out" | head -n1)"
	else
		FAIL "$cell" "rc=$rc; $(firstfail)"
	fi
}

fastpath_timens_cells() {
	local mode fw entry
	for mode in 2 1; do
		for fw in host off; do
			for entry in auto int80; do
				cell_fastpath "$mode" "$fw" "$entry"
			done
			cell_timens "$mode" "$fw"
		done
	done
}

# --entry=sysenter: honoured on Intel; on AMD it must fall back to syscall with a warning.
sysenter_cell() {
	local cell="vdso-glibc vdso=2 reservetop=none entry=sysenter(fallback)" want=sysenter
	[ "$AUTO_ENTRY" = syscall ] && want=syscall
	run --vdso=2 --entry=sysenter -- "$OUT/vdso-glibc" --expect=compat --addr=0xfeffe000 --entry="$want"
	if [ $rc != 0 ]; then
		FAIL "$cell" "rc=$rc $(firstfail)"
	elif [ "$want" = syscall ] && ! echo "$out" | grep -q 'vdso_entry=sysenter refused.*using syscall'; then
		FAIL "$cell" "no fallback warning on stderr"
	else
		PASS "$cell"
	fi
}

# ---- busybox-static (Debian i386, installed in the chroot by chroot-prepare.sh) ----
# It has no self-check of its own: a pipeline of its applets must give the
# right answer, and the forked cat must have the page the mode promises in
# its maps (vdsorun's page is an anonymous r-xp mapping; in compat mode at
# the fixed address).  That it enters through the page is shown in the
# guest, by strace -i (scripts/guest/init/tracing.c): a program strace
# starts execs under strace, with the host's vDSO.
busybox_cells() {
	local bb=$CHROOT/usr/bin/busybox mode res cell addr page
	for mode in 2 1 0; do
		for res in none 64M; do
			local ropt=() ; [ "$res" = none ] || ropt=(--reservetop="$res")
			cell="busybox vdso=$mode reservetop=$res"
			if [ ! -x "$bb" ]; then
				SKIP "$cell" "$(cat "$CHROOT/relvdso/tools.missing" 2>/dev/null || echo "no $bb")"
				continue
			fi
			run --vdso="$mode" "${ropt[@]}" -- "$bb" sh -c 'echo abc | wc -c; cat /proc/self/maps | cat'
			addr=$(compat_addr "$res")
			# the anonymous r-xp pages in vdsorun's windows: compat's, or normal's random one
			page=$(echo "$out" | awk '$2 == "r-xp" && NF == 5 { split($1, a, "-"); print a[1] }' |
				awk '$1 >= "c0000000"' | head -n1)
			if [ $rc != 0 ] || [ "$(echo "$out" | head -n1)" != 4 ]; then
				FAIL "$cell" "rc=$rc, 'echo abc | wc -c' gave '$(echo "$out" | head -n1)' (want 4)"
			elif [ "$mode" = 2 ] && [ "$page" != "${addr#0x}" ]; then
				FAIL "$cell" "the piped cat's maps have no r-xp page at $addr (found '${page:-none}')"
			elif [ "$mode" = 1 ] && [ -z "$page" ]; then
				FAIL "$cell" "the piped cat's maps have no vDSO page of vdsorun's"
			elif [ "$mode" = 0 ] && [ -n "$page" ]; then
				FAIL "$cell" "vdso=0 yet an r-xp page at 0x$page"
			else
				PASS "$cell"
			fi
		done
	done
}

# ---- the Debian i386 chroot ----
chroot_cells() {
	local res entry addr cell
	if [ -f "$OUT/chroot.skip" ] || [ ! -f "$CHROOT/.relvdso-complete" ]; then
		SKIP "chroot" "$(cat "$OUT/chroot.skip" 2>/dev/null || echo "no chroot at $CHROOT (make userspace-optional as root)")"
		return
	fi
	# vdsorun --root binds /proc into the chroot itself (private mount namespace)
	for res in none 64M; do
		for entry in auto int80; do
			local ropt=() ; [ "$res" = none ] || ropt=(--reservetop="$res")
			addr=$(compat_addr "$res")
			want=$entry; [ "$entry" = auto ] && want=$AUTO_ENTRY
			cell="chroot vdso=2 reservetop=$res entry=$entry"
			run --root "$CHROOT" --vdso=2 "${ropt[@]}" --entry="$entry" -- /bin/sh /relvdso/in-chroot.sh \
				"${addr#0x}" "--expect=compat --addr=$addr --entry=$want"
			if [ $rc = 0 ] && echo "$out" | grep -q '^chroot: 0 failed$'; then PASS "$cell"; else FAIL "$cell" "rc=$rc $(firstfail)"; fi
		done
	done
	cell="chroot vdso=2 unprivileged (nobody, user namespace)"
	if ! command -v setpriv >/dev/null; then
		SKIP "$cell" "setpriv missing"
	else
		out=$(timeout -k 5 60 setpriv --reuid=65534 --regid=65534 --clear-groups "$RUN" --trace="$TRACE" \
			--root "$CHROOT" --vdso=2 -- \
			/bin/sh /relvdso/in-chroot.sh feffe000 "--expect=compat --addr=0xfeffe000" 2>&1)
		rc=$?
		{ echo "=== unprivileged chroot trace=$TRACE (rc=$rc)"; echo "$out"; } >>"$LOG"
		if [ $rc = 0 ] && echo "$out" | grep -q '^chroot: 0 failed$'; then
			PASS "$cell"
		elif echo "$out" | grep -q 'user namespaces unavailable'; then
			SKIP "$cell" "$(echo "$out" | head -n1)"
		else
			FAIL "$cell" "rc=$rc $(firstfail)"
		fi
	fi
}

# shellcheck source=scripts/userspace/matrix-debuggers.sh
. "$(dirname "$0")/userspace/matrix-debuggers.sh"

start=$(date +%s)
for TRACE in exec always; do
	consumer_cells
	forward_off_cells
	fastpath_timens_cells
	sysenter_cell
	busybox_cells
	chroot_cells
	debugger_cells
done

echo "matrix time: $(($(date +%s) - start))s (log: $LOG)"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
