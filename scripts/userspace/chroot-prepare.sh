#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# chroot-prepare.sh BUILD: copy the static checker and the in-chroot script
# into BUILD/chroot-i386/relvdso/ (the chroot itself comes from chroot.sh).
set -eu
BUILD=${1:-build}
ROOT=$BUILD/chroot-i386
[ -f "$ROOT/.relvdso-complete" ] || { echo "no chroot at $ROOT"; exit 1; }
mkdir -p "$ROOT/relvdso"
cp "$BUILD/userspace-tests/vdso-check" "$ROOT/relvdso/vdso-check"
cp userspace-tests/chroot/in-chroot.sh "$ROOT/relvdso/in-chroot.sh"
cp userspace-tests/chroot/check-script.sh "$ROOT/relvdso/check-script.sh"
chmod 755 "$ROOT/relvdso" "$ROOT/relvdso/vdso-check" "$ROOT/relvdso/check-script.sh"
chmod 644 "$ROOT/relvdso/in-chroot.sh"
