#!/bin/sh
# Build the guest initramfs: a static i386 /init (scripts/guest/init.c) that
# checks the vDSO and reboots, plus (when they have been built) the
# userspace tests of the runner issue under /tests.
#
#   make-initramfs.sh            -> $BUILD/guest/initramfs.cpio.gz
#
# Environment: BUILD (default build), CC (default gcc).  Rebuilt only when
# an input is newer than the archive.  No device nodes are needed: /init
# mounts devtmpfs and opens /dev/console itself.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
CC=${CC:-gcc}
G=$BUILD/guest
out=$G/initramfs.cpio.gz
src=$ROOT/scripts/guest/init.c
stage=$G/initramfs

mkdir -p "$G"
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then
	echo "make-initramfs: $out is up to date"
	exit 0
fi

rm -rf "$stage"
mkdir -p "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp" "$stage/tests"
$CC -m32 -static -O2 -Wall -Wextra -Werror -o "$stage/init" "$src"

(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) | gzip -9 >"$out.tmp"
mv "$out.tmp" "$out"
echo "make-initramfs: $out ($(wc -c <"$out") bytes)"
