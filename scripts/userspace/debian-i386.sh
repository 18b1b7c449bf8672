#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# debian-i386.sh BUILD NAME PACKAGE... [-- FILE...]: download Debian's i386
# PACKAGEs (apt-get download PACKAGE:i386) and unpack them together into
# BUILD/NAME (cached: BUILD/NAME/.complete).  For the libcs whose -dev
# packages cannot be apt-installed next to gcc-multilib (musl-dev:i386 and
# dietlibc-dev:i386 pull gcc-i686-linux-gnu, which conflicts with it): they
# are only unpacked, and used with -nostdinc/-nostdlib.  Each FILE (a path
# below BUILD/NAME) must exist afterwards, or the unpack counts as failed.
#
# Exit 0 ready, 77 unavailable (the reason on stdout).
set -u
[ $# -ge 3 ] || { echo "usage: $0 BUILD NAME PACKAGE... [-- FILE...]" >&2; exit 2; }
BUILD=$1 NAME=$2
shift 2
DIR=$BUILD/$NAME
STAMP=$DIR/.complete
pkgs= files=
while [ $# -gt 0 ] && [ "$1" != -- ]; do pkgs="$pkgs $1:i386"; shift; done
[ $# -gt 0 ] && shift
files=$*
[ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$pkgs" ] && exit 0
tmp=$(mktemp -d) || exit 77
trap 'rm -rf "$tmp"' EXIT
# (apt-get download runs as _apt when it can; it must be able to write here)
chmod 755 "$tmp"
if ! (cd "$tmp" && apt-get download $pkgs >"$tmp/log" 2>&1); then
	echo "apt-get download$pkgs failed (no i386 architecture or no network?): $(grep -m1 '^E:' "$tmp/log")"
	exit 77
fi
rm -rf "$DIR" && mkdir -p "$DIR"
for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$DIR" || { echo "dpkg-deb -x $deb failed"; exit 77; }
done
for f in $files; do
	[ -e "$DIR/$f" ] || { echo "$NAME: the debs$pkgs lack $f"; exit 77; }
done
echo "$pkgs" >"$STAMP"
