#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: relvdso's main job.  First the boot decisions a guest kernel
# would take for a few telling configurations; then real i386 programs run
# on our vDSO by vdsorun in compat (relocated), normal and disabled modes.
set -u
build=${1:-build}
bin=$build/bin
ut=$build/userspace-tests
out=$build/demo
mkdir -p "$out"

banner() {
	echo
	echo "================================================================"
	echo "\$ $*"
	echo "================================================================"
}

boot() {
	banner "relvdso-boot $*"
	"$bin/relvdso-boot" "$@"
}

run() {
	banner "vdsorun $*"
	"$bin/vdsorun" "$@"
	echo "(exit status $?)"
}

echo "Part 1: the boot sequence on a simulated i386 guest kernel"
boot
boot --reservetop=64M --vdso=compat --dump-image="$out/compat-64M.so"
boot --backend=xen --reservetop=64M --vdso=compat
boot --vdso=compat --entry=syscall --cpu=nosep
boot --vdso=3 --default=compat --reservetop=16M
banner "vdso-inspect $out/compat-64M.so     # the relocated image, as legacy glibc reads it"
"$bin/vdso-inspect" "$out/compat-64M.so"

echo
echo "Part 2: real i386 programs on this 64-bit host, under vdsorun"
for mode in compat 1 0; do
	run --verbose --vdso=$mode --reservetop=64M "$ut/vdso-show"
	run --vdso=$mode --reservetop=64M "$ut/legacy-probe"
done
run --verbose --backend=xen "$ut/vdso-show"
