#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install relvdso: tools, public headers, the static library, the images and
# a pkg-config file.   install.sh DESTDIR PREFIX BUILD TOOL...
set -eu
destdir=$1 prefix=$2 build=$3; shift 3
root="$destdir$prefix"

for tool in "$@"; do
	install -D -m 0755 "$build/bin/$tool" "$root/bin/$tool"
done
for h in include/relvdso/*.h; do
	install -D -m 0644 "$h" "$root/include/relvdso/$(basename "$h")"
done
install -D -m 0644 "$build/lib/librelvdso.a" "$root/lib/librelvdso.a"
for so in "$build"/vdso/vdso-*.so "$build"/vdso/vdso-*.so.dbg; do
	[ -e "$so" ] && install -D -m 0644 "$so" "$root/share/relvdso/$(basename "$so")"
done
mkdir -p "$root/lib/pkgconfig"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$(cat VERSION)|g" scripts/relvdso.pc.in > "$root/lib/pkgconfig/relvdso.pc"
echo "relvdso installed under $root"
