# SPDX-License-Identifier: GPL-2.0-only
# Run by /bin/sh inside the i386 chroot under vdsorun (which binds /proc
# into the chroot): $1 = expected AT_SYSINFO_EHDR (hex, no 0x),
# $2 = checker options.  Writes no files (may run as an unprivileged user).  Every step is a new
# process that must see our vDSO; prints "chroot: ok/FAIL: ..." lines.
addr=$1; opts=$2
fails=0
ok() { echo "chroot: ok: $1"; }
bad() { echo "chroot: FAIL: $1"; fails=$((fails + 1)); }
ours() {	# COMMAND... reading its own /proc/self/maps: our page, anonymous r-xp, no name
	if "$@" | grep -Eq "^$addr-[0-9a-f]+ r-xp 00000000 00:00 0 *\$"; then ok "$1 sees our vDSO at 0x$addr"; else bad "$1 does not see our vDSO at 0x$addr"; fi
}
ours cat /proc/self/maps
ours head -n 1000 /proc/self/maps
ours grep -E . /proc/self/maps
ours sed -n p /proc/self/maps
ours tail -n 1000 /proc/self/maps
ours mawk '{ print }' /proc/self/maps
n=$(ls / | sort | wc -l)
[ "$n" -gt 5 ] && ok "pipeline ls / | sort | wc -l = $n" || bad "pipeline ls | sort | wc gave '$n'"
if cat /proc/self/maps | grep -v '^#' | sort | grep -q "^$addr-"; then ok "cat in a 3-stage pipeline sees our page"; else bad "pipeline cat"; fi
if ldd /bin/ls 2>&1 | grep -q "linux-gate.so.1 (0x0*$addr)"; then ok "ldd /bin/ls: glibc's loader reports linux-gate.so.1 at 0x$addr"; else bad "ldd /bin/ls: $(ldd /bin/ls 2>&1 | grep linux-gate)"; fi
out=$(/relvdso/vdso-check $opts) && ok "vdso-check from sh (level 1)" || { bad "vdso-check level 1"; echo "$out" | grep FAIL; }
sh -c "/relvdso/vdso-check $opts >/dev/null" && ok "vdso-check from sh -c (level 2)" || bad "vdso-check level 2"
sh -c "sh -c '/relvdso/vdso-check $opts >/dev/null'" && ok "vdso-check from sh -c sh -c (level 3)" || bad "vdso-check level 3"
( /relvdso/vdso-check $opts >/dev/null ) & wait $! && ok "vdso-check in a background subshell" || bad "vdso-check background"
/relvdso/check-script.sh $opts >/dev/null && ok "a script run by its #! line" || bad "script"
echo "chroot: $fails failed"
[ "$fails" = 0 ]
