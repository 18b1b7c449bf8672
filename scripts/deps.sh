#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian packages a make target needs, if any are missing.
#   scripts/deps.sh GROUP...
#     base       build + unit tests (g++: the C++ header check; groff-base: man-lint)
#     userspace  the consumer matrix: Go, the Linux selftests' source, the
#                i386 chroot, and the i386 architecture (musl's i386 debs are
#                downloaded and unpacked, never installed: musl-dev:i386
#                pulls gcc-i686-linux-gnu, which conflicts with gcc-multilib)
#     bench      plots, and qemu for the guest measurement
#     robust     libFuzzer + sanitizers (clang), clang-tidy, cppcheck
#     guest      building Linux $KVER for i386 and booting it under qemu
# As root: apt-get installs them.  Otherwise: print the exact commands, exit 1.
# A failing `apt-get update` (one index caught mid mirror-sync) is tolerated:
# only a failing install is fatal.  Installs never remove anything
# (--no-remove): with one architecture's index stale, apt would otherwise
# "solve" a version skew by removing libc6-dev and the compilers.
set -u

# The kernel series of the guest and selftest groups (Makefile exports KVER),
# and every release with a series (the guest group installs all their
# sources: make check generates and checks each series).
KVER=${KVER:-$(cat "$(dirname "$0")/../kernel-glue/default-series")}
series_sources=$(for d in "$(dirname "$0")"/../kernel-glue/linux-*/series; do
	[ -d "$d" ] || continue
	v=${d%/series}; echo "linux-source-${v##*/linux-}"
done | sort -u | tr '\n' ' ')

pkgs_base="gcc gcc-multilib g++ make libelf-dev check pkg-config groff-base"
pkgs_userspace="golang-go debootstrap linux-source-$KVER xz-utils util-linux gdb"
pkgs_bench="gnuplot-nox qemu-system-x86 cpio"
pkgs_robust="clang libclang-rt-14-dev clang-tidy cppcheck"
pkgs_guest="linux-source-$KVER $series_sources xz-utils qemu-system-x86 flex bison bc cpio gzip git python3-ply python3-git"

wanted="" want_i386=no
for group in "$@"; do
	case "$group" in
	base) wanted="$wanted $pkgs_base" ;;
	userspace) wanted="$wanted $pkgs_userspace"; want_i386=yes ;;
	bench) wanted="$wanted $pkgs_bench" ;;
	robust) wanted="$wanted $pkgs_robust" ;;
	guest) wanted="$wanted $pkgs_guest" ;;
	*) echo "deps.sh: unknown group '$group'" >&2; exit 2 ;;
	esac
done

missing=""
for p in $wanted; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$status" = installed ] || missing="$missing $p"
done
add_i386=no
if [ $want_i386 = yes ] && ! dpkg --print-foreign-architectures | grep -qx i386; then
	add_i386=yes
fi
[ -z "$missing" ] && [ $add_i386 = no ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "relvdso: missing:${missing}$([ $add_i386 = yes ] && echo ' (and the i386 architecture)')" >&2
	[ $add_i386 = yes ] && echo "  run as root: dpkg --add-architecture i386 && apt-get update" >&2
	[ -n "$missing" ] && echo "  run as root: apt-get install -y --no-remove$missing" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_update() {
	apt-get update -q >/dev/null 2>&1 || echo "relvdso: apt-get update reported a failed index (mirror sync?); continuing" >&2
}
if [ $add_i386 = yes ]; then
	echo "relvdso: adding the i386 architecture"
	dpkg --add-architecture i386
fi
apt_update
[ -z "$missing" ] && exit 0
echo "relvdso: installing:$missing"
for attempt in 1 2 3; do
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends --no-remove $missing && exit 0
	echo "relvdso: apt-get install failed (attempt $attempt); refreshing indexes" >&2
	sleep 5
	apt_update
done
echo "relvdso: could not install:$missing" >&2
exit 1
