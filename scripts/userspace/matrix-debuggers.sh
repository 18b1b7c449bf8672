# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# matrix-debuggers.sh: the matrix's cells of programs that use ptrace under
# vdsorun, sourced by scripts/userspace-matrix.sh (its PASS/FAIL/SKIP, run,
# RUN, OUT, CHROOT, LOG and TRACE).  debugger_cells, per --vdso=2/1/0:
#
#   gdb attach     the host's gdb -p on wait-target under vdsorun: breakpoint,
#                  backtrace, a variable set, detach; the program runs on, exit 0
#   gdb run        the chroot's i386 gdb (run by vdsorun) runs wait-target:
#                  breakpoint, backtrace, exit 0, and vdsorun's one line that
#                  the inferior execs under another tracer
#   strace -f      the chroot's i386 strace on a shell and two children: every
#                  execve and exit in its trace, the output, exit 0
#   ptrace_syscall Linux's selftest (x86/ptrace_syscall, i386): exit 0, no [FAIL]
#
# With --trace=exec nothing is traced between execs, so all of it works.
# With --trace=always vdsorun traces every process all its life, so each of
# these programs' ptrace fails with EPERM: there the cells assert exactly
# that refusal (the documented difference of the two modes).

WAIT_TARGET=$OUT/wait-target
HOST_GDB=/usr/bin/gdb
FOREIGN_LINE="execs under another tracer: it runs with the host's vDSO"
GDB_RELEASE=(-ex 'break target_tick')	# then continue/run, bt, release
GDB_AFTER_STOP=(-ex bt -ex 'set var target_released = 1')

log_cell() { { echo "=== $1 trace=$TRACE (rc=$rc)"; echo "$out"; } >>"$LOG"; }

# OUT's backtrace has frames #0, #1... named FN... in that order.
bt_has() {	# OUT FN...
	local text=$1 n=0 fn
	shift
	for fn; do
		echo "$text" | grep -qE "^#$n +(0x[0-9a-f]+ in )?$fn \(" || return 1
		n=$((n + 1))
	done
}

# --trace=always: the program's ptrace call was refused, as documented.
check_refused() {	# CELL TEXT PATTERN
	if echo "$2" | grep -q "$3"; then
		PASS "$1 (ptrace refused: vdsorun traces it)"
	else
		FAIL "$1" "want the ptrace refusal '$3', got: $(echo "$2" | grep -m1 -vE '^$' || echo nothing)"
	fi
}

# The host's gdb attaches to wait-target, already running under vdsorun.
cell_gdb_attach() {	# MODE
	local mode=$1 cell="gdb attach (host gdb -p) wait-target vdso=$1" dir bg pid tracer gout grc
	if [ ! -x "$HOST_GDB" ]; then
		SKIP "$cell" "no $HOST_GDB"
		return
	fi
	dir=$(mktemp -d)
	# -k: should TERM not end it (a tracee held in a stop), KILL it
	timeout -k 5 60 "$RUN" --trace="$TRACE" --vdso="$mode" -- "$WAIT_TARGET" attach >"$dir/out" 2>&1 &
	bg=$!
	for _ in $(seq 200); do	# 10 s at most
		grep -q ' waiting$' "$dir/out" && break
		sleep 0.05
	done
	pid=$(sed -n 's/^wait-target: pid \([0-9]*\) waiting$/\1/p' "$dir/out")
	tracer=$(awk '/^TracerPid:/ { print $2 }' "/proc/${pid:-0}/status" 2>/dev/null)
	gout=
	grc=1
	if [ -n "$pid" ]; then
		gout=$(timeout -k 5 60 "$HOST_GDB" -nx -batch -p "$pid" "${GDB_RELEASE[@]}" -ex continue \
			"${GDB_AFTER_STOP[@]}" -ex detach 2>&1)
		grc=$?
	fi
	# not released (refused, or gdb failed): end it rather than wait for its 60 s
	echo "$gout" | grep -q "process $pid) detached" || kill "$bg" 2>/dev/null
	{ wait "$bg"; } 2>/dev/null	# (bash's "Killed" notice, when -k had to)
	rc=$?
	out="$(cat "$dir/out")
--- gdb (rc=$grc) ---
$gout"
	rm -r "$dir"
	log_cell "$cell"
	if [ -z "$pid" ]; then
		FAIL "$cell" "wait-target did not start: rc=$rc $(head -n1 <<<"$out")"
	elif [ "$TRACE" = always ]; then
		if [ "${tracer:-0}" = 0 ]; then
			FAIL "$cell" "--trace=always, yet TracerPid 0"
		else
			check_refused "$cell" "$gout" 'ptrace: Operation not permitted'
		fi
	elif [ "$tracer" != 0 ]; then
		FAIL "$cell" "between execs TracerPid is ${tracer:-unknown} (want 0)"
	elif [ "$grc" != 0 ] || ! echo "$gout" | grep -q '^Breakpoint 1, target_tick ('; then
		FAIL "$cell" "gdb rc=$grc, no stop at target_tick: $(echo "$gout" | grep -m1 -iE 'error|not permitted|warning' || tail -n1 <<<"$gout")"
	elif ! bt_has "$gout" target_tick target_wait main; then
		FAIL "$cell" "backtrace is not target_tick, target_wait, main: $(echo "$gout" | grep -m3 '^#' | tr '\n' '|')"
	elif [ "$rc" != 0 ] || ! grep -qx 'wait-target: released' <<<"$out"; then
		FAIL "$cell" "after detach: rc=$rc, $(grep -m1 -E 'released|nobody|vdsorun' <<<"$out" || echo 'no released line')"
	else
		PASS "$cell"
	fi
}

# A scratch directory in the chroot's /tmp (inside the chroot: /tmp/${dir##*/}).
chroot_scratch() { mktemp -d "$CHROOT/tmp/relvdso-$1.XXXXXX"; }	# TAG

have_chroot_tool() {	# CELL TOOL
	if [ -f "$OUT/chroot.skip" ] || [ ! -f "$CHROOT/.relvdso-complete" ] || [ ! -x "$CHROOT$2" ]; then
		SKIP "$1" "no $CHROOT$2 (make userspace-optional as root)"
		return 1
	fi
}

# The chroot's i386 gdb, itself under vdsorun, runs wait-target.
cell_gdb_run() {	# MODE
	local mode=$1 cell="gdb run (chroot i386 gdb) wait-target vdso=$1" dir inside inferior
	have_chroot_tool "$cell" /usr/bin/gdb || return
	dir=$(chroot_scratch gdb) && cp "$WAIT_TARGET" "$dir/" || return
	inside=/tmp/${dir##*/}
	run --root="$CHROOT" --vdso="$mode" -- /usr/bin/gdb -nx -batch -ex 'set startup-with-shell off' \
		"${GDB_RELEASE[@]}" -ex run "${GDB_AFTER_STOP[@]}" -ex continue --args "$inside/wait-target" attach
	rm -r "$dir"
	log_cell "$cell"
	inferior=$(sed -n 's/^\[Inferior 1 (process \([0-9]*\)) exited normally\]$/\1/p' <<<"$out")
	if [ "$TRACE" = always ]; then
		check_refused "$cell" "$out" 'ptrace: Operation not permitted'
	elif [ "$rc" != 0 ] || ! grep -q '^Breakpoint 1, target_tick (' <<<"$out"; then
		FAIL "$cell" "rc=$rc, no stop at target_tick: $(grep -m1 -iE 'error|not permitted|warning' <<<"$out" || tail -n1 <<<"$out")"
	elif ! bt_has "$out" target_tick target_wait main; then
		FAIL "$cell" "backtrace is not target_tick, target_wait, main: $(grep -m3 '^#' <<<"$out" | tr '\n' '|')"
	elif [ -z "$inferior" ] || ! grep -qx 'wait-target: released' <<<"$out"; then
		FAIL "$cell" "the inferior did not run on to exit 0 after the release"
	elif [ "$(grep -c "$FOREIGN_LINE" <<<"$out")" != 1 ] ||
	     ! grep -q "^vdsorun: pid $inferior $FOREIGN_LINE" <<<"$out"; then
		FAIL "$cell" "want one line 'vdsorun: pid $inferior $FOREIGN_LINE', got $(grep -c "$FOREIGN_LINE" <<<"$out")"
	else
		PASS "$cell"
	fi
}

# In strace's -f -o trace: PID execs ARGV (the argv's start, e.g. '"/bin/echo", "one"') and it succeeds.
trace_exec_ok() {	# STRACE_LOG PID ARGV
	grep -qE "^$2 +execve\(\"[^\"]*\", \[$3[],]" <<<"$1" &&
	grep -qE "^$2 +(execve\(.*\)|<\.\.\. execve resumed>\)) += 0$" <<<"$1"
}

trace_exit0() { grep -qE "^$2 +\+\+\+ exited with 0 \+\+\+$" <<<"$1"; }	# STRACE_LOG PID

# The chroot's i386 strace -f, under vdsorun, on a shell running two programs.
cell_strace() {	# MODE
	local mode=$1 cell="strace -f (chroot i386 strace) sh + 2 children vdso=$1" dir inside strace_log prog main kids k1 k2 why=
	have_chroot_tool "$cell" /usr/bin/strace || return
	dir=$(chroot_scratch strace) || return
	inside=/tmp/${dir##*/}
	run --root="$CHROOT" --vdso="$mode" -- /usr/bin/strace -f -o "$inside/trace" \
		-e trace=execve,fork,vfork,clone,clone3,exit_group /bin/sh -c '/bin/echo one; /bin/echo two; echo three'
	strace_log=$(cat "$dir/trace" 2>/dev/null)
	rm -r "$dir"
	prog=$(grep -v '^vdsorun: ' <<<"$out")
	out="$out
--- trace ---
$strace_log"
	log_cell "$cell"
	if [ "$TRACE" = always ]; then
		check_refused "$cell" "$out" 'PTRACE_TRACEME.*Operation not permitted'
		return
	fi
	main=$(awk 'NR == 1 { print $1 }' <<<"$strace_log")
	# the shell's children: what its fork/vfork/clone returned
	kids=$(grep -E "^$main +(<\.\.\. )?(v?fork|clone3?)[( ].*= [0-9]+$" <<<"$strace_log" | awk '{ print $NF }')
	read -r k1 k2 _ <<<"${kids//$'\n'/ }"
	if [ "$rc" != 0 ] || [ "$prog" != $'one\ntwo\nthree' ]; then
		why="rc=$rc, output '${prog//$'\n'/ }' (want 'one two three')"
	elif ! trace_exec_ok "$strace_log" "$main" '"/bin/sh", "-c"' || ! trace_exit0 "$strace_log" "$main"; then
		why="no successful execve of /bin/sh and exit 0 of pid ${main:-?} in the trace"
	elif [ "$(wc -w <<<"$kids")" != 2 ]; then
		why="the trace has $(wc -w <<<"$kids") children of the shell (want 2): ${kids//$'\n'/ }"
	elif ! trace_exec_ok "$strace_log" "$k1" '"/bin/echo", "one"' || ! trace_exec_ok "$strace_log" "$k2" '"/bin/echo", "two"'; then
		why="the children's execve of /bin/echo one, two are not in the trace"
	elif ! trace_exit0 "$strace_log" "$k1" || ! trace_exit0 "$strace_log" "$k2"; then
		why="the children's exits (0) are not in the trace"
	elif [ "$(grep -c "$FOREIGN_LINE" <<<"$out")" != 1 ]; then
		why="want vdsorun's one line '$FOREIGN_LINE'"
	fi
	if [ -n "$why" ]; then FAIL "$cell" "$why"; else PASS "$cell"; fi
}

# Linux's ptrace_syscall (i386): its tracer and tracee are both the program's.
cell_ptrace_syscall() {	# MODE
	local mode=$1 cell="selftest/x86/ptrace_syscall vdso=$1" t=$OUT/selftests/x86/ptrace_syscall sysinfo
	if [ ! -x "$t" ]; then
		SKIP "$cell" "$(cat "$t.skip" "$OUT/selftests.skip" 2>/dev/null | head -n1 || echo "not built")"
		return
	fi
	run --vdso="$mode" -- "$t"
	log_cell "$cell"
	# without a vDSO it must find no AT_SYSINFO; with one, test through it
	sysinfo='^\[RUN\].Check AT_SYSINFO return regs'
	[ "$mode" = 0 ] && sysinfo='^\[SKIP\].AT_SYSINFO is not available'
	if [ "$TRACE" = always ]; then
		check_refused "$cell" "$out" 'PTRACE_TRACEME: Operation not permitted'
	elif [ "$rc" != 0 ] || grep -q '\[FAIL\]' <<<"$out"; then
		FAIL "$cell" "rc=$rc $(grep -m1 -E 'FAIL|rror|not permitted' <<<"$out" || tail -n1 <<<"$out")"
	elif ! grep -q "$sysinfo" <<<"$out"; then
		FAIL "$cell" "want '$sysinfo' for vdso=$mode"
	elif ! grep -q '^\[OK\].Child got SIGUSR1' <<<"$out" || ! grep -q '^\[OK\].pause(2) restarted correctly' <<<"$out"; then
		FAIL "$cell" "the ptrace parts did not all run: $(tail -n1 <<<"$out")"
	else
		PASS "$cell"
	fi
}

debugger_cells() {
	local mode
	for mode in 2 1 0; do
		cell_gdb_attach "$mode"
		cell_gdb_run "$mode"
		cell_strace "$mode"
		cell_ptrace_syscall "$mode"
	done
}
