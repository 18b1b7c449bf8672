#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# chroot-prepare.sh BUILD: make the Debian i386 chroot (from chroot.sh) ready
# for the tests: install the tools the guest's tracing tests run (Debian
# i386 gdb, strace, busybox-static, installed once inside the chroot with
# its own apt), then copy the static checker and the in-chroot scripts into
# BUILD/chroot-i386/relvdso/.
#
# The tools need the network once (cached: the chroot keeps them).  When
# they cannot be installed, the reason goes to BUILD/chroot-i386/
# relvdso/tools.missing: make-initramfs.sh packs that file, /init then
# reports every test needing a tool as skipped with that reason, and
# guest-check.sh fails the cell on the unexpected skip (never a pass).
#
# Exit 0 ready (with or without the tools), 1 no chroot or a copy failed.
set -eu
BUILD=${1:-build}
ROOT=$BUILD/chroot-i386
TOOLS="gdb strace busybox-static"
# one binary per package: present means installed
TOOL_BINS="usr/bin/gdb usr/bin/strace usr/bin/busybox"
[ -f "$ROOT/.relvdso-complete" ] || { echo "no chroot at $ROOT"; exit 1; }
mkdir -p "$ROOT/relvdso"

have_tools() {
	for b in $TOOL_BINS; do [ -x "$ROOT/$b" ] || return 1; done
}
missing=$ROOT/relvdso/tools.missing
if ! have_tools; then
	log=$BUILD/chroot-tools.log
	if [ "$(id -u)" != 0 ]; then
		echo "not root: cannot apt-get install $TOOLS in $ROOT" >"$missing"
	elif ! { chroot "$ROOT" apt-get update &&
		 DEBIAN_FRONTEND=noninteractive chroot "$ROOT" \
			apt-get install -y --no-install-recommends $TOOLS; } >"$log" 2>&1; then
		echo "apt-get install $TOOLS in $ROOT failed: $(grep -m1 '^E:' "$log" || tail -n1 "$log")" >"$missing"
	fi
fi
if have_tools; then
	rm -f "$missing"
else
	[ -s "$missing" ] || echo "$TOOLS not all installed in $ROOT" >"$missing"
	echo "chroot-prepare: tools unavailable: $(cat "$missing")"
fi

cp "$BUILD/userspace-tests/vdso-check" "$ROOT/relvdso/vdso-check"
cp userspace-tests/chroot/in-chroot.sh "$ROOT/relvdso/in-chroot.sh"
cp userspace-tests/chroot/check-script.sh "$ROOT/relvdso/check-script.sh"
chmod 755 "$ROOT/relvdso" "$ROOT/relvdso/vdso-check" "$ROOT/relvdso/check-script.sh"
chmod 644 "$ROOT/relvdso/in-chroot.sh"
