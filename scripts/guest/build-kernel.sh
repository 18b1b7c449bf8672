#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the relvdso guest kernel: Debian's linux-source-$KVER for i386 with the
# patch series in kernel-glue/linux-$KVER/patches applied and the relvdso core
# linked in unchanged; or, with --stock, the same configuration on the
# pristine tree (the baseline every guest result is compared with).
#
#   build-kernel.sh [--variant nonpae|pae|smp] [--stock] [--jobs N]
#
# Environment: KVER (the series, default kernel-glue/default-series),
# BUILD (default build), LINUX_TARBALL (default
# /usr/src/linux-source-$KVER.tar.xz), KMAKE_FLAGS (extra make flags).
#
#   $BUILD/guest/linux-$KVER.N/                the tree: unpacked once, series applied
#   $BUILD/guest/obj-$KVER-VARIANT/            the kernel objects (make O=)
#   $BUILD/guest/bzImage-$KVER-VARIANT         the result
#   $BUILD/guest/stock/linux-$KVER.N/          --stock: a second unpack, no series
#   $BUILD/guest/obj-$KVER-stock-VARIANT/      --stock: its objects
#   $BUILD/guest/bzImage-$KVER-stock-VARIANT   --stock: the result
#
# Incremental: the tarball is unpacked once; a changed series is reversed
# and re-applied (a failed reversal re-unpacks); the config is regenerated
# only when a fragment changed; then make does the rest.
#   nonpae = tinyconfig + config/relvdso.config
#   pae    = the same + config/pae-pti.config (HIGHMEM64G, X86_PAE, PTI)
#   smp    = the same as pae + config/smp.config (SMP, ACPI, HPET, KVM and
#            Xen HVM guest, the options the selftests, gdb and strace use)
# --stock merges the same fragment files with their CONFIG_RELVDSO* lines
# dropped, also (re)configures the relvdso objects of the variant, and fails
# unless the two .config files differ only in the symbols the series defines.
#
# Exit status: 0 built, 1 a step failed, 2 bad usage.
set -eu
# Called from our Makefile: the parent make's flags (its jobserver, -w,
# our -r, command-line variables) must not leak into the kernel's makes or
# into output we capture.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

variant=nonpae stock=no
jobs=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
	case "$1" in
	--variant) variant=$2; shift 2 ;;
	--variant=*) variant=${1#*=}; shift ;;
	--stock) stock=yes; shift ;;
	--jobs|-j) jobs=$2; shift 2 ;;
	-h|--help) awk 'NR > 2 && !/^#/ { exit } NR > 2' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "build-kernel.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
# the fragments of each variant, merged in this order on top of tinyconfig
case "$variant" in
nonpae) fragnames="relvdso" ;;
pae) fragnames="relvdso pae-pti" ;;
smp) fragnames="relvdso pae-pti smp" ;;
*) echo "build-kernel.sh: --variant must be nonpae, pae or smp" >&2; exit 2 ;;
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

# --- unpack once: unpack PARENT gives $PARENT/linux-VERSION in $tree ---
unpack() {
	log "unpacking $TARBALL into $1"
	mkdir -p "$1"
	rm -rf "$1/unpack.tmp"
	mkdir -p "$1/unpack.tmp"
	tar -xJf "$TARBALL" -C "$1/unpack.tmp"
	top=$(ls "$1/unpack.tmp")
	ver=$(make -s --no-print-directory -C "$1/unpack.tmp/$top" kernelversion 2>/dev/null) || die "no kernel version"
	rm -rf "$1/linux-$ver"
	mv "$1/unpack.tmp/$top" "$1/linux-$ver"
	rmdir "$1/unpack.tmp"
	tree=$1/linux-$ver
}
tree=$(ls -d "$G/linux-$KVER".* 2>/dev/null | head -n1 || true)
if [ -z "$tree" ] || [ ! -d "$tree/.relvdso-applied" ]; then
	[ -n "$tree" ] && rm -rf "$tree"
	unpack "$G"
	mkdir -p "$tree/.relvdso-applied"
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
				unpack "$G"
				mkdir -p "$tree/.relvdso-applied"
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

# --- config: configure TREE OBJ FRAGMENT...: tinyconfig + the fragments,
# only when a fragment changed ---
configure() {
	ctree=$1 cobj=$2
	shift 2
	mkdir -p "$cobj"
	stamp=$(cat "$@" | sha256sum | cut -d' ' -f1)
	[ -f "$cobj/.config" ] && [ "$(cat "$cobj/.relvdso-config" 2>/dev/null || true)" = "$stamp" ] && return 0
	log "configuring $cobj: tinyconfig + $(for f in "$@"; do basename "$f"; done | tr '\n' ' ')"
	make -s -C "$ctree" ARCH=i386 O="$cobj" tinyconfig >/dev/null
	(cd "$ctree" && ARCH=i386 scripts/kconfig/merge_config.sh -m -O "$cobj" "$cobj/.config" "$@" >/dev/null)
	make -s -C "$ctree" ARCH=i386 O="$cobj" olddefconfig >/dev/null
	# every option the fragments ask for (a later fragment wins) must have landed
	bad=
	for kv in $(cat "$@" | grep -E '^CONFIG_[A-Z0-9_]+=' |
		    awk -F= '{ v[$1] = $0 } END { for (k in v) print v[k] }'); do
		k=${kv%%=*} v=${kv#*=}
		if [ "$v" = n ]; then
			grep -qx "$k=y" "$cobj/.config" && bad="$bad $kv"
		else
			grep -qx "$kv" "$cobj/.config" || bad="$bad $kv"
		fi
	done
	[ -z "$bad" ] || die "config options did not land in $cobj:$bad"
	echo "$stamp" >"$cobj/.relvdso-config"
}

frags=
for f in $fragnames; do frags="$frags $KG/config/$f.config"; done
obj=$G/obj-$KVER-$variant
configure "$tree" "$obj" $frags
grep -qx CONFIG_RELVDSO=y "$obj/.config" || die "CONFIG_RELVDSO is not set"
name=$KVER-$variant

if [ $stock = yes ]; then
	# --- the baseline: the pristine tree, the same fragments minus relvdso ---
	tree=$(ls -d "$G/stock/linux-$KVER".* 2>/dev/null | head -n1 || true)
	if [ -z "$tree" ] || [ ! -f "$tree/.relvdso-pristine" ]; then
		[ -n "$tree" ] && rm -rf "$tree"
		unpack "$G/stock"
		: >"$tree/.relvdso-pristine"
	fi
	obj=$G/obj-$KVER-stock-$variant
	mkdir -p "$obj/fragments"
	sfrags=
	for f in $fragnames; do
		grep -v '^CONFIG_RELVDSO' "$KG/config/$f.config" >"$obj/fragments/$f.config"
		sfrags="$sfrags $obj/fragments/$f.config"
	done
	configure "$tree" "$obj" $sfrags
	# Same config: the two .config files, option lines only, may differ
	# in the symbols the series defines (its "+config NAME" lines: the
	# RELVDSO* options; a symbol a future patch adds is allowed the same
	# way) and in nothing else.  A patch that changed another option's
	# default or dependencies would show up here.
	own=$(sed -n 's/^+[[:space:]]*\(menu\)\{0,1\}config \([A-Za-z0-9_]*\).*/\2/p' \
		"$KG"/patches/*.patch | sort -u)
	options() {
		grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$1" |
			grep -vwE "CONFIG_($(echo $own | tr ' ' '|'))" | sort
	}
	options "$G/obj-$KVER-$variant/.config" >"$obj/.config.relvdso-options"
	options "$obj/.config" >"$obj/.config.stock-options"
	diff -u "$obj/.config.relvdso-options" "$obj/.config.stock-options" >"$obj/.config.diff" ||
		die "stock and relvdso $variant configs differ beyond the series' own symbols ($(echo $own)): $obj/.config.diff"
	log "stock $variant config = relvdso $variant config minus $(echo $own)"
	name=$KVER-stock-$variant
fi

# --- build ---
log "make -j$jobs bzImage ($name)"
start=$(date +%s)
make -s -C "$tree" ARCH=i386 O="$obj" -j"$jobs" ${KMAKE_FLAGS:-} bzImage
cp "$obj/arch/x86/boot/bzImage" "$G/bzImage-$name.tmp"
mv "$G/bzImage-$name.tmp" "$G/bzImage-$name"
log "$G/bzImage-$name ($(( $(date +%s) - start ))s)"
