#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the relvdso guest kernel: Debian's linux-source-$KVER for i386 with the
# patch series in kernel-glue/linux-$KVER/patches applied and the relvdso core
# linked in unchanged.
#
#   build-kernel.sh [--variant nonpae|pae] [--jobs N]
#
# Environment: KVER (the series, default kernel-glue/default-series),
# BUILD (default build), LINUX_TARBALL (default
# /usr/src/linux-source-$KVER.tar.xz), KMAKE_FLAGS (extra make flags).
#
#   $BUILD/guest/linux-$KVER.N/              the tree: unpacked once, series applied
#   $BUILD/guest/obj-$KVER-VARIANT/          the kernel objects (make O=)
#   $BUILD/guest/bzImage-$KVER-VARIANT       the result
#
# Incremental: the tarball is unpacked once; a changed series is reversed
# and re-applied (a failed reversal re-unpacks); the config is regenerated
# only when a fragment changed; then make does the rest.
#   nonpae = tinyconfig + config/relvdso.config
#   pae    = the same + config/pae-pti.config (HIGHMEM64G, X86_PAE, PTI)
set -eu
# Called from our Makefile: the parent make's flags (its jobserver, -w,
# our -r, command-line variables) must not leak into the kernel's makes or
# into output we capture.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

variant=nonpae
jobs=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
	case "$1" in
	--variant) variant=$2; shift 2 ;;
	--variant=*) variant=${1#*=}; shift ;;
	--jobs|-j) jobs=$2; shift 2 ;;
	-h|--help) sed -n '3,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "build-kernel.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
case "$variant" in
nonpae|pae) ;;
*) echo "build-kernel.sh: --variant must be nonpae or pae" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
KVER=${KVER:-$(cat "$ROOT/kernel-glue/default-series")}
TARBALL=${LINUX_TARBALL:-/usr/src/linux-source-$KVER.tar.xz}
KG=$ROOT/kernel-glue/linux-$KVER
G=$BUILD/guest
mkdir -p "$G"

log() { echo "build-kernel: $*"; }
die() { echo "build-kernel: $*" >&2; exit 1; }

[ -d "$KG" ] || die "no port for Linux $KVER (kernel-glue/linux-$KVER/)"
[ -f "$TARBALL" ] || die "no $TARBALL (apt-get install linux-source-$KVER)"

# --- the generated images must exist (the top-level make builds them) ---
for e in int80 sysenter syscall; do
	[ -f "$BUILD/gen/vdso-image-$e.c" ] ||
		make -C "$ROOT" --no-print-directory BUILD="$BUILD" "$BUILD/gen/vdso-image-$e.c" >/dev/null ||
		die "cannot build $BUILD/gen/vdso-image-$e.c"
done

# --- unpack once ---
tree=$(ls -d "$G/linux-$KVER".* 2>/dev/null | head -n1 || true)
unpack() {
	log "unpacking $TARBALL"
	rm -rf "$G/unpack.tmp"
	mkdir -p "$G/unpack.tmp"
	tar -xJf "$TARBALL" -C "$G/unpack.tmp"
	top=$(ls "$G/unpack.tmp")
	ver=$(make -s --no-print-directory -C "$G/unpack.tmp/$top" kernelversion 2>/dev/null) || die "no kernel version"
	rm -rf "$G/linux-$ver"
	mv "$G/unpack.tmp/$top" "$G/linux-$ver"
	rmdir "$G/unpack.tmp"
	tree=$G/linux-$ver
	mkdir -p "$tree/.relvdso-applied"
}
if [ -z "$tree" ] || [ ! -d "$tree/.relvdso-applied" ]; then
	[ -n "$tree" ] && rm -rf "$tree"
	unpack
fi

# --- the patch series: apply, or reverse the old one and apply the new ---
applied=$tree/.relvdso-applied
same=yes
if [ "$(cat "$applied/series" 2>/dev/null || true)" != "$(cat "$KG/patches/series")" ]; then
	same=no
else
	for p in $(cat "$KG/patches/series"); do
		cmp -s "$KG/patches/$p" "$applied/$p" || same=no
	done
fi
if [ $same = no ]; then
	if [ -f "$applied/series" ]; then
		log "series changed: reversing the applied patches"
		for p in $(sed '1!G;h;$!d' "$applied/series"); do
			if ! patch -d "$tree" -p1 -R -s -f <"$applied/$p" >/dev/null; then
				log "cannot reverse $p: unpacking afresh"
				rm -rf "$tree"
				unpack
				applied=$tree/.relvdso-applied
				break
			fi
		done
		rm -f "$applied"/*
	fi
	for p in $(cat "$KG/patches/series"); do
		log "applying $p"
		patch -d "$tree" -p1 -s -f <"$KG/patches/$p" || die "$p does not apply"
		cp "$KG/patches/$p" "$applied/$p"
	done
	cp "$KG/patches/series" "$applied/series"
fi

# --- link the relvdso core in, unchanged ---
rd=$tree/arch/x86/relvdso
mkdir -p "$rd"
for d in include relocator sysenter compat kernel-glue; do
	ln -sfn "$ROOT/$d" "$rd/$d"
done
ln -sfn "$BUILD/gen" "$rd/gen"
ln -sfn "$KG/relvdso_linux.c" "$rd/relvdso_linux.c"

# --- config: tinyconfig + fragments, only when a fragment changed ---
obj=$G/obj-$KVER-$variant
mkdir -p "$obj"
frags="$KG/config/relvdso.config"
[ "$variant" = pae ] && frags="$frags $KG/config/pae-pti.config"
stamp=$(cat $frags | sha256sum | cut -d' ' -f1)
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.relvdso-config" 2>/dev/null || true)" != "$stamp" ]; then
	log "configuring $variant: tinyconfig + $(for f in $frags; do basename "$f"; done | tr '\n' ' ')"
	make -s -C "$tree" ARCH=i386 O="$obj" tinyconfig >/dev/null
	(cd "$tree" && ARCH=i386 scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" $frags >/dev/null)
	make -s -C "$tree" ARCH=i386 O="$obj" olddefconfig >/dev/null
	# every option the fragments ask for (a later fragment wins) must have landed
	bad=
	for kv in $(cat $frags | grep -E '^CONFIG_[A-Z0-9_]+=' |
		    awk -F= '{ v[$1] = $0 } END { for (k in v) print v[k] }'); do
		k=${kv%%=*} v=${kv#*=}
		if [ "$v" = n ]; then
			grep -qx "$k=y" "$obj/.config" && bad="$bad $kv"
		else
			grep -qx "$kv" "$obj/.config" || bad="$bad $kv"
		fi
	done
	[ -z "$bad" ] || die "config options did not land:$bad"
	grep -qx CONFIG_RELVDSO=y "$obj/.config" || die "CONFIG_RELVDSO is not set"
	echo "$stamp" >"$obj/.relvdso-config"
fi

# --- build ---
log "make -j$jobs bzImage ($variant)"
start=$(date +%s)
make -s -C "$tree" ARCH=i386 O="$obj" -j"$jobs" ${KMAKE_FLAGS:-} bzImage
cp "$obj/arch/x86/boot/bzImage" "$G/bzImage-$KVER-$variant.tmp"
mv "$G/bzImage-$KVER-$variant.tmp" "$G/bzImage-$KVER-$variant"
log "$G/bzImage-$KVER-$variant ($(( $(date +%s) - start ))s)"
