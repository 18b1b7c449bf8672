#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# musl.sh BUILD: unpack Debian's musl:i386 + musl-dev:i386 into BUILD/musl-i386
# (cached).  Installing musl-dev:i386 with apt would pull gcc-i686-linux-gnu,
# which conflicts with gcc-multilib, so the debs are only downloaded and
# unpacked.  Exit 0 ready, 77 unavailable (reason on stdout).
set -u
BUILD=${1:-build}
DIR=$BUILD/musl-i386
STAMP=$DIR/.complete
[ -f "$STAMP" ] && exit 0
tmp=$(mktemp -d) || exit 77
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && apt-get download musl:i386 musl-dev:i386 >/dev/null 2>&1); then
	echo "apt-get download musl:i386 musl-dev:i386 failed (no i386 architecture or no network?)"
	exit 77
fi
rm -rf "$DIR" && mkdir -p "$DIR"
for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$DIR" || exit 77
done
[ -f "$DIR/usr/lib/i386-linux-musl/crt1.o" ] || { echo "musl debs lack crt1.o"; exit 77; }
touch "$STAMP"
