#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the relvdso guest kernel: Debian's linux-source-$KVER for i386 with
# the series of kernel-glue/linux-$KVER/series/ (make-patches.sh: the
# core, the adapter and the image sources go in as files, Kbuild builds
# the images); or, with --stock, the same configuration on the pristine
# tree (the baseline every guest result is compared with).
#
#   build-kernel.sh [--variant nonpae|pae|smp] [--stock] [--jobs N]
#
# Environment: KVER (the series, default kernel-glue/default-series),
# BUILD (default build), LINUX_TARBALL (default
# /usr/src/linux-source-$KVER.tar.xz), KMAKE_FLAGS (extra make flags).
#
#   $BUILD/src/linux-$KVER/                    the pristine source, a git
#                                              repository (kernel-src.sh); --stock builds it
#   $BUILD/guest/linux-$KVER/                  a worktree of it at the series' last commit
#   $BUILD/guest/obj-$KVER-VARIANT/            the kernel objects (make O=)
#   $BUILD/guest/bzImage-$KVER-VARIANT         the result
#   $BUILD/guest/obj-$KVER-stock-VARIANT/      --stock: its objects
#   $BUILD/guest/bzImage-$KVER-stock-VARIANT   --stock: the result
#
# Incremental: the tarball is imported once; a changed series is a
# checkout of its new last commit; the config is regenerated only when a
# fragment changed; then make does the rest.  The kernel builds relvdso's
# images itself: they must be the bytes the project builds ($BUILD/vdso/).
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

. "$(dirname "$0")/env.sh"
KG=$ROOT/kernel-glue/linux-$KVER
G=$BUILD/guest
mkdir -p "$G"

log() { echo "build-kernel: $*"; }
die() { echo "build-kernel: $*" >&2; exit 1; }

[ -d "$KG" ] || die "no port for Linux $KVER (kernel-glue/linux-$KVER/)"

# --- the tree: a worktree of the pristine source at the series' last
# commit (make-patches.sh commits it; the format-patch copy of those
# commits is what `git am` applies).  A changed series is a checkout of
# the new commit, which rewrites only the files that differ. ---
series=$("$ROOT/scripts/guest/make-patches.sh" --tree) || die "cannot commit the series"
head=$(git -C "$series" rev-parse HEAD)
src=$("$ROOT/scripts/guest/kernel-src.sh")
tree=$G/linux-$KVER
if [ -e "$tree/.git" ] && [ "$(git -C "$tree" rev-parse HEAD)" != "$head" ]; then
	log "series changed: checking out $(git -C "$src" log -1 --format=%h "$head")"
fi
"$ROOT/scripts/guest/kernel-src.sh" --worktree "$tree" "$head"

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
	tree=$src
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
	own=$(git -C "$src" diff pristine "$head" -- '*Kconfig*' |
		sed -n 's/^+[[:space:]]*\(menu\)\{0,1\}config \([A-Za-z0-9_]*\).*/\2/p' | sort -u)
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
if [ $stock = no ]; then
	for f in "$BUILD"/vdso/vdso-*.so; do
		cmp -s "$obj/arch/x86/entry/vdso/relvdso/image/${f##*/}" "$f" ||
			die "the kernel's ${f##*/} is not the project's $f"
	done
fi
cp "$obj/arch/x86/boot/bzImage" "$G/bzImage-$name.tmp"
mv "$G/bzImage-$name.tmp" "$G/bzImage-$name"
log "$G/bzImage-$name ($(( $(date +%s) - start ))s)"
