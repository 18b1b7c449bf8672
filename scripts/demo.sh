#!/bin/sh
# make demo: the boot decisions for a few telling configurations, then the
# relocated compat image as a consumer sees it.
set -eu
build=${1:-build}
bin=$build/bin
out=$build/demo
mkdir -p "$out"

run() {
	echo
	echo "================================================================"
	echo "\$ relvdso-boot $*"
	echo "================================================================"
	"$bin/relvdso-boot" "$@"
}

run
run --reservetop=64M --vdso=compat
run --backend=xen --reservetop=64M --vdso=compat
run --host=x86_64 --cpu=amd --vdso=1 --random-base=0xf7f2a000
run --cpu=nosep --vdso=compat --entry=sysenter
run --vdso=3 --default=compat --reservetop=16M
run --vdso=compat --reservetop=3G
run --reservetop=64M --vdso=compat --dump-image="$out/compat-64M.so"

echo
echo "================================================================"
echo "\$ vdso-inspect $out/compat-64M.so     # the image as legacy glibc reads it"
echo "================================================================"
"$bin/vdso-inspect" "$out/compat-64M.so"
