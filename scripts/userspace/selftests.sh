#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# selftests.sh BUILD OUTDIR: build Linux's own tools/testing/selftests/vDSO,
# as shipped in Debian's linux-source-$KVER, for i386 (gcc -m32) into OUTDIR.
# Only that directory and kselftest.h are unpacked (cached under BUILD);
# nothing of it is copied into the repository.  A test that does not build
# gets OUTDIR/NAME.skip with the compiler's first error.
# Exit 0 built (some may be skipped), 77 unavailable (reason on stdout).
set -u
BUILD=$1
OUT=$2
CC=${CC:-gcc}
KVER=${KVER:-$(cat "$(dirname "$0")/../../kernel-glue/default-series")}
TARBALL=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-$KVER.tar.xz}
SRC=$BUILD/linux-selftests/linux-source-$KVER/tools/testing/selftests
STAMP=$BUILD/linux-selftests/.complete-$KVER

if [ ! -f "$STAMP" ]; then
	[ -f "$TARBALL" ] || { echo "$TARBALL missing (Debian linux-source-$KVER)"; exit 77; }
	rm -rf "$BUILD/linux-selftests" && mkdir -p "$BUILD/linux-selftests"
	tar -xJf "$TARBALL" -C "$BUILD/linux-selftests" \
		linux-source-$KVER/tools/testing/selftests/vDSO \
		linux-source-$KVER/tools/testing/selftests/kselftest.h || { echo "cannot unpack $TARBALL"; exit 77; }
	touch "$STAMP"
fi
mkdir -p "$OUT"
cd "$SRC/vDSO" || exit 77
OUT=$(cd "$OLDPWD" && cd "$OUT" && pwd)

# The same commands as the selftest Makefile, with -m32.
build() {	# NAME CC-ARGS...
	name=$1; shift
	if err=$($CC -m32 -std=gnu99 -O2 "$@" -o "$OUT/$name" 2>&1); then
		rm -f "$OUT/$name.skip"
	else
		rm -f "$OUT/$name"
		echo "does not build for i386: $(echo "$err" | grep -m1 -i error)" >"$OUT/$name.skip"
	fi
}
build vdso_test_gettimeofday parse_vdso.c vdso_test_gettimeofday.c
build vdso_test_getcpu parse_vdso.c vdso_test_getcpu.c
build vdso_test_abi parse_vdso.c vdso_test_abi.c
build vdso_test_clock_getres vdso_test_clock_getres.c
build vdso_standalone_test_x86 -nostdlib -fno-asynchronous-unwind-tables -fno-stack-protector \
	vdso_standalone_test_x86.c parse_vdso.c
build vdso_test_correctness vdso_test_correctness.c -ldl
ls "$OUT" | sed -n 's/\.skip$//p' | while read -r n; do echo "selftest $n: $(cat "$OUT/$n.skip")" >&2; done
exit 0
