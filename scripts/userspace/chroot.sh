#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# chroot.sh BUILD: make (once) the Debian i386 minbase chroot the userspace
# tests run in: BUILD/chroot-i386.  Cached: a stamp marks a complete build;
# an incomplete one is removed and redone.  Needs root and debootstrap.
# Exit 0 ready, 77 cannot build here (reason on stdout), 1 debootstrap failed.
set -u
BUILD=${1:-build}
ROOT=$BUILD/chroot-i386
STAMP=$ROOT/.relvdso-complete
MIRROR=${RELVDSO_MIRROR:-http://deb.debian.org/debian}

[ -f "$STAMP" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "not root (debootstrap needs root)"; exit 77
fi
if ! command -v debootstrap >/dev/null 2>&1; then
	echo "debootstrap not installed"; exit 77
fi
if [ -e "$ROOT" ]; then
	# Unmount anything a failed run left behind, then start over.
	for m in $(awk -v r="$(realpath "$ROOT")" '$2 ~ "^"r {print $2}' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null
	done
	rm -rf "$ROOT"
fi
mkdir -p "$BUILD"
log=$BUILD/chroot-i386.log
start=$(date +%s)
if ! debootstrap --arch=i386 --variant=minbase bookworm "$ROOT" "$MIRROR" >"$log" 2>&1; then
	echo "debootstrap failed (log: $log)"; tail -5 "$log"; exit 1
fi
echo "$(($(date +%s) - start))s" >"$STAMP"
echo "chroot ready in $(cat "$STAMP")"
