#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# build-optional.sh BUILD: build the userspace consumers that need more than
# gcc -m32 + libc6-dev-i386: musl (Debian debs, unpacked), Go (GOARCH=386),
# the Linux vDSO selftests (from linux-source-$KVER) and the i386 chroot.
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

# ---- musl ----
if reason=$(scripts/userspace/musl.sh "$BUILD"); then
	M=$BUILD/musl-i386/usr; L=$M/lib/i386-linux-musl
	if $CC -m32 -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-pie -no-pie -fno-stack-protector \
		-nostdinc -isystem "$M/include/i386-linux-musl" -isystem "$($CC -m32 -print-file-name=include)" \
		-nostdlib -static -o "$OUT/vdso-musl" "$L/crt1.o" "$L/crti.o" \
		userspace-tests/musl/vdso_musl.c userspace-tests/common/check.c \
		userspace-tests/common/ut_vdso.c userspace-tests/common/vdso_view.c \
		userspace-tests/common/libc_clock.c \
		userspace-tests/common/vsys_call.S \
		-L"$L" -lc "$($CC -m32 -print-libgcc-file-name)" "$L/crtn.o"; then
		built vdso-musl
	else
		status=1
	fi
else
	skip vdso-musl "$reason"
fi

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
