#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# build-optional.sh BUILD: build the userspace consumers that need more than
# gcc -m32 + libc6-dev-i386: musl, dietlibc and klibc (Debian i386 debs,
# unpacked by debian-i386.sh, linked static with their own headers and crt
# files), Go (GOARCH=386), the Linux vDSO selftests (from linux-source-$KVER)
# and the i386 chroot (with gdb, strace and busybox-static in it).
# Each either lands in BUILD/userspace-tests/ or leaves NAME.skip there with
# the reason, which the matrix prints as SKIP.  Exits non-zero only when
# something that is available fails to build.
set -u
BUILD=${1:-build}
CC=${CC:-gcc}
OUT=$BUILD/userspace-tests
TOP=$(pwd)
mkdir -p "$OUT"
status=0

skip() {	# NAME REASON
	echo "$2" >"$OUT/$1.skip"
	echo "userspace: $1 skipped: $2"
}
built() { rm -f "$OUT/$1.skip"; }

GCC_INC=$($CC -m32 -print-file-name=include)
LIBGCC=$($CC -m32 -print-libgcc-file-name)
STATIC_LIBC_CFLAGS="-m32 -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-pie -no-pie -fno-stack-protector"

# static_libc NAME DIR "PACKAGE..." CHECKFILE "CFLAGS" "CRT-START" "LIBS" SOURCE...:
# unpack the debs into BUILD/DIR, then link NAME against that libc alone
# (its headers, crt files and LIBS: libc.a, libgcc, any closing crt file).  The word lists are
# split on blanks; the paths in them lie under BUILD/DIR/usr.
static_libc() {
	name=$1 dir=$2 debs=$3 want=$4 cflags=$5 crt_start=$6 libs=$7
	shift 7
	if ! reason=$(scripts/userspace/debian-i386.sh "$BUILD" "$dir" $debs -- "$want"); then
		skip "$name" "$reason"
		return
	fi
	if $CC $STATIC_LIBC_CFLAGS $cflags -nostdinc -nostdlib -static \
		-o "$OUT/$name" $crt_start "$@" $libs \
		2>"$OUT/$name.log"; then
		built "$name"; rm -f "$OUT/$name.log"
	else
		cat "$OUT/$name.log"; status=1
	fi
}

# musl: its vDSO lookup (see userspace-tests/musl/)
U=$BUILD/musl-i386/usr ML=$BUILD/musl-i386/usr/lib/i386-linux-musl
static_libc vdso-musl musl-i386 "musl musl-dev" usr/lib/i386-linux-musl/crt1.o \
	"-isystem $U/include/i386-linux-musl -isystem $GCC_INC" \
	"$ML/crt1.o $ML/crti.o" "-L$ML -lc $LIBGCC $ML/crtn.o" \
	userspace-tests/musl/vdso_musl.c userspace-tests/common/check.c \
	userspace-tests/common/ut_vdso.c userspace-tests/common/vdso_view.c \
	userspace-tests/common/libc_clock.c userspace-tests/common/vsys_call.S

# dietlibc: enters through __vsyscall = AT_SYSINFO (userspace-tests/dietlibc/)
U=$BUILD/dietlibc-i386/usr DL=$BUILD/dietlibc-i386/usr/lib/i386-linux-gnu/diet/lib-i386
static_libc vdso-dietlibc dietlibc-i386 dietlibc-dev usr/lib/i386-linux-gnu/diet/lib-i386/start.o \
	"-D__dietlibc__ -fno-asynchronous-unwind-tables -isystem $U/include/diet -isystem $GCC_INC" \
	"$DL/start.o" "$DL/libc.a $LIBGCC" \
	userspace-tests/dietlibc/vdso_dietlibc.c userspace-tests/dietlibc/libc_entry.c

# klibc: enters through __syscall_entry = AT_SYSINFO (userspace-tests/klibc/);
# built with klcc's flags (regparm 3, as Debian's libc.a is), its headers
# reach the kernel's through linux-libc-dev:i386 (unpacked beside them)
KL=$BUILD/klibc-i386/usr/lib/klibc
static_libc vdso-klibc klibc-i386 "libklibc-dev libklibc linux-libc-dev" usr/lib/klibc/lib/crt0.o \
	"-fwrapv -fno-builtin-bcmp -fcommon -mregparm=3 -D_REGPARM=3 -D__KLIBC__=2 -D__KLIBC_MINOR__=0
	 -D_BITSIZE=32 -isystem $KL/include/arch/i386 -isystem $KL/include/bits32
	 -isystem $KL/include -isystem $GCC_INC" \
	"$KL/lib/crt0.o" "$KL/lib/libc.a $LIBGCC" \
	userspace-tests/klibc/vdso_klibc.c userspace-tests/dietlibc/libc_entry.c

# ---- Go ----
if command -v go >/dev/null 2>&1; then
	if env GOARCH=386 GO386=sse2 CGO_ENABLED=0 GO111MODULE=off GOFLAGS= GOPROXY=off \
		GOCACHE="$TOP/$BUILD/go/cache" GOPATH="$TOP/$BUILD/go/path" \
		go build -o "$OUT/vdso-go" ./userspace-tests/go/vdsogo; then
		built vdso-go
	else
		status=1
	fi
else
	skip vdso-go "go not installed (Debian golang-go)"
fi

# ---- Linux tools/testing/selftests/vDSO ----
if reason=$(scripts/userspace/selftests.sh "$BUILD" "$OUT/selftests"); then
	built selftests
else
	[ $? = 77 ] && skip selftests "$reason" || { echo "$reason"; status=1; }
fi

# ---- Debian i386 chroot ----
if reason=$(scripts/userspace/chroot.sh "$BUILD"); then
	[ -n "$reason" ] && echo "userspace: $reason"
	if scripts/userspace/chroot-prepare.sh "$BUILD"; then
		built chroot
	else
		status=1
	fi
else
	[ $? = 77 ] && skip chroot "$reason" || { echo "$reason"; skip chroot "debootstrap failed: $reason"; status=1; }
fi
exit $status
