#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# selftests.sh BUILD OUTDIR: build Linux's own tools/testing/selftests/vDSO
# and tools/testing/selftests/x86, as shipped in Debian's
# linux-source-$KVER, for i386 into OUTDIR (vDSO) and OUTDIR/x86.
# Only those directories and the few files they include are unpacked
# (cached under BUILD); nothing of them is copied into the repository.
# The x86 tests are the x86 Makefile's 32-bit targets (TARGETS_C_32BIT_ALL,
# read from the Makefile), built by its own rule, static; those whose source
# calls dlopen/dladdr stay dynamic (a static glibc cannot open the vDSO).
# A test that does not build gets OUTDIR/[x86/]NAME.skip with the
# compiler's first error.
# Exit 0 built (some may be skipped), 77 unavailable (reason on stdout).
set -u
BUILD=$1
OUT=$2
CC=${CC:-gcc}
KVER=${KVER:-$(cat "$(dirname "$0")/../../kernel-glue/default-series")}
TARBALL=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-$KVER.tar.xz}
SRC=$BUILD/linux-selftests/linux-source-$KVER/tools/testing/selftests
STAMP=$BUILD/linux-selftests/.complete-$KVER
# what is unpacked (the stamp holds this list: a new part unpacks again)
PARTS="tools/testing/selftests/vDSO tools/testing/selftests/x86
	tools/testing/selftests/kselftest.h tools/testing/selftests/lib.mk
	arch/x86/include/asm/desc_defs.h"

if [ "$(cat "$STAMP" 2>/dev/null)" != "$(echo $PARTS)" ]; then
	[ -f "$TARBALL" ] || { echo "$TARBALL missing (Debian linux-source-$KVER)"; exit 77; }
	rm -rf "$BUILD/linux-selftests" && mkdir -p "$BUILD/linux-selftests"
	tar -xJf "$TARBALL" -C "$BUILD/linux-selftests" \
		$(for p in $PARTS; do echo "linux-source-$KVER/$p"; done) || { echo "cannot unpack $TARBALL"; exit 77; }
	echo $PARTS >"$STAMP"
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

# x86: the Makefile's rule for NAME_32 (its flags, helpers, thunks_32.S,
# -DCAN_BUILD_32), with CC carrying -static unless the test needs libdl;
# its output stays under BUILD, so make rebuilds only what changed.
cd ../x86 || exit 77
X86_OBJ=$(cd ../../../../.. && pwd)/x86-obj	# $BUILD/linux-selftests/x86-obj
mkdir -p "$OUT/x86" "$X86_OBJ"
for name in $(make -s --no-print-directory --eval 'rv-list: ; @echo $(TARGETS_C_32BIT_ALL)' rv-list); do
	link=-static
	grep -Eq 'dlopen|dladdr' "$name.c" && link=
	if err=$(make -s --no-print-directory OUTPUT="$X86_OBJ" CC="$CC $link" "${name}_32" 2>&1); then
		cp -p "$X86_OBJ/${name}_32" "$OUT/x86/$name"
		rm -f "$OUT/x86/$name.skip"
	else
		rm -f "$OUT/x86/$name"
		echo "does not build for i386: $(echo "$err" | grep -m1 -i error)" >"$OUT/x86/$name.skip"
	fi
done
(cd "$OUT" && ls ./*.skip x86/*.skip 2>/dev/null) | sed 's/\.skip$//; s|^\./||' |
	while read -r n; do echo "selftest $n: $(cat "$OUT/$n.skip")" >&2; done
exit 0
