#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Prove the kernel series of KVER bisectable: build the kernel after every
# patch, each in its own worktree state, incrementally.
#
#   bisect-build.sh [--config tiny|defconfig] [--jobs N]
#
#   tiny       tinyconfig + kernel-glue/linux-$KVER/config/relvdso.config
#              (CONFIG_RELVDSO=y), re-merged after every patch (default)
#   defconfig  i386_defconfig: CONFIG_RELVDSO must stay unset, and the
#              kernel must build at every step (about 20 minutes a step
#              on two cores)
# Every step of either also configures i386_defconfig (no build) and fails
# if it sets CONFIG_RELVDSO: the series is off by default at every step.
# The series is the one make-patches.sh commits (its work tree's HEAD);
# this script checks it out, patch by patch, in the guest tree
# ($BUILD/guest/linux-$KVER, build-kernel.sh's), and leaves it at the last
# patch.  tiny builds in the objects of the nonpae guest kernel (the same
# config), so that kernel is built when the bisect ends; defconfig in
# $BUILD/patches/obj-bisect-$KVER-defconfig.  Not while build-kernel.sh
# runs.  One line per step; the build log of a failing step is kept
# ($BUILD/patches/bisect-CONFIG-NN.log).
# Environment: KVER, BUILD, LINUX_TARBALL.
# Exit status: 0 every step built, 1 a step failed, 2 bad usage.
set -eu
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2' "$0" | sed 's/^# \{0,1\}//'; }
config=tiny
jobs=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
	case "$1" in
	--config) [ $# -ge 2 ] || { usage >&2; exit 2; }; config=$2; shift 2 ;;
	--jobs|-j) [ $# -ge 2 ] || { usage >&2; exit 2; }; jobs=$2; shift 2 ;;
	-h|--help) usage; exit 0 ;;
	*) echo "bisect-build.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
case "$config" in tiny|defconfig) ;; *) echo "bisect-build.sh: --config must be tiny or defconfig" >&2; exit 2 ;; esac
. "$(dirname "$0")/env.sh"
fragment=$ROOT/kernel-glue/linux-$KVER/config/relvdso.config

die() { echo "bisect-build: $*" >&2; exit 1; }

series=$("$ROOT/scripts/guest/make-patches.sh" --tree) || die "cannot commit the series"
head=$(git -C "$series" rev-parse HEAD)
src=$("$ROOT/scripts/guest/kernel-src.sh")
tree=$BUILD/guest/linux-$KVER
case $config in
tiny) obj=$BUILD/guest/obj-$KVER-nonpae ;;
defconfig) obj=$BUILD/patches/obj-bisect-$KVER-defconfig ;;
esac
defobj=$BUILD/patches/obj-bisect-$KVER-defconfig-only
mkdir -p "$obj" "$defobj"

# configure: the config of this step (only what changed is rebuilt)
configure() {
	case $config in
	tiny)
		make -s -C "$tree" ARCH=i386 O="$obj" tinyconfig >/dev/null
		(cd "$tree" && ARCH=i386 scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" "$fragment" >/dev/null)
		make -s -C "$tree" ARCH=i386 O="$obj" olddefconfig >/dev/null ;;
	defconfig)
		make -s -C "$tree" ARCH=i386 O="$obj" i386_defconfig >/dev/null ;;
	esac
}

n=0 total=$(git -C "$src" rev-list --count "pristine..$head")
for c in $(git -C "$src" rev-list --reverse "pristine..$head"); do
	n=$((n + 1))
	subject=$(git -C "$src" log -1 --format=%s "$c")
	"$ROOT/scripts/guest/kernel-src.sh" --worktree "$tree" "$c"
	log=$BUILD/patches/bisect-$config-$(printf %02d $n).log
	start=$(date +%s)
	configure
	relvdso=$(sed -n 's/^CONFIG_RELVDSO=//p' "$obj/.config")
	make -s -C "$tree" ARCH=i386 O="$defobj" i386_defconfig >/dev/null
	default=$(sed -n 's/^CONFIG_RELVDSO=//p' "$defobj/.config")
	[ -z "$default" ] || die "[$n/$total] $subject: i386_defconfig sets CONFIG_RELVDSO=$default"
	if ! make -C "$tree" ARCH=i386 O="$obj" -j"$jobs" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		die "[$n/$total] $subject: the $config build fails (log: ${log#"$ROOT"/})"
	fi
	rm -f "$log"
	echo "bisect-build: [$n/$total] $config builds (CONFIG_RELVDSO=${relvdso:-unset}; i386_defconfig: unset; $(($(date +%s) - start)) s): $subject"
done
echo "bisect-build: $total of $total steps build ($config)"
