#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the guest initramfs: a static i386 /init (scripts/guest/init/, linked
# with the consumers' shared code in userspace-tests/common/) that checks the
# vDSO and reboots, plus (when they have been built, by
# `make all userspace-optional`) the runner issue's userspace tests under
# /tests: legacy-probe, vdso-glibc (dynamic, with its Debian i386 libraries
# under /lib32), vdso-glibc-static, vdso-musl, vdso-go and Linux's vDSO
# selftests (-m32).  /init runs them when the command line has
# rvx_userspace=1.  Linux's x86 selftests go to /tests/selftests/x86; /init
# runs them and the vDSO ones on every CPU with rvx_selftests=1.  With
# $BUILD/chroot-i386 (debootstrap, runner issue) a trimmed copy (dash,
# coreutils, grep, sed and their libraries) goes to /chroot for the chroot
# test.
#
#   make-initramfs.sh            -> $BUILD/guest/initramfs.cpio.gz
#                                   $BUILD/guest/initramfs-gdb.cpio.gz (the same
#                                   + gdb and gdb-target in /chroot, when the
#                                   chroot has gdb: the debugger tests' cells)
#
# Environment: BUILD (default build), CC (default gcc).  Rebuilt only when
# an input is newer than the archive.  No device nodes are needed: /init
# mounts devtmpfs and opens /dev/console itself.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
CC=${CC:-gcc}
G=$BUILD/guest
out=$G/initramfs.cpio.gz
I=$ROOT/scripts/guest/init C=$ROOT/userspace-tests/common	# /init's sources
stage=$G/initramfs

mkdir -p "$G"
UT=$BUILD/userspace-tests
UT_PROGS="legacy-probe vdso-glibc vdso-glibc-static vdso-musl vdso-go vdso-dietlibc vdso-klibc"
# (a source directory newer than the archive: a file was added or removed)
if [ -f "$out" ] && [ "$out" -nt "$0" ] &&
   [ -z "$(find "$I" "$C" "$ROOT/userspace-tests/gdb-target" -newer "$out" 2>/dev/null | head -n1)" ] &&
   [ -z "$(find "$UT" -newer "$out" -type f 2>/dev/null | head -n1)" ] &&
   { [ ! -d "$BUILD/chroot-i386" ] || [ "$out" -nt "$BUILD/chroot-i386" ]; } &&
   { [ ! -x "$BUILD/chroot-i386/usr/bin/gdb" ] || [ -f "$G/initramfs-gdb.cpio.gz" ]; }; then
	echo "make-initramfs: $out is up to date"
	exit 0
fi

rm -rf "$stage"
mkdir -p "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp" "$stage/tests"
$CC -m32 -static -std=gnu11 -O2 -Wall -Wextra -Werror -I"$C" -o "$stage/init" \
	"$I"/*.c "$C"/*.c "$C"/vsys_call.S

# the userspace consumers, and the i386 libraries the dynamic ones need
packed= missing=
for p in $UT_PROGS; do
	if [ -x "$UT/$p" ]; then cp "$UT/$p" "$stage/tests/"; packed="$packed $p"
	else missing="$missing $p"; fi
done
if [ -d "$UT/selftests" ]; then
	mkdir -p "$stage/tests/selftests"
	for p in "$UT"/selftests/vdso_*; do
		[ -x "$p" ] && cp "$p" "$stage/tests/selftests/" && packed="$packed selftests/${p##*/}"
	done
	# Linux's x86 selftests (rvx_selftests=1 runs them with the vDSO ones)
	if [ -d "$UT/selftests/x86" ]; then
		mkdir -p "$stage/tests/selftests/x86"
		find "$UT/selftests/x86" -maxdepth 1 -type f -perm -u+x -exec cp {} "$stage/tests/selftests/x86/" \;
		echo "make-initramfs: packed $(ls "$stage/tests/selftests/x86" | wc -l) x86 selftests"
	fi
else
	missing="$missing selftests"
fi
for p in "$stage"/tests/* "$stage"/tests/selftests/* "$stage"/tests/selftests/x86/*; do
	[ -f "$p" ] || continue
	ldd "$p" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'
done | sort -u | while read -r lib; do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done
# a trimmed Debian i386 root (the runner issue's debootstrap output) for the
# chroot test: a shell, coreutils and their libraries, nothing else
CH=$BUILD/chroot-i386
# needed_closure DEST HAVE FILE...: copy the NEEDED closure of FILE... from
# $CH's library directories into DEST/usr/lib/i386-linux-gnu, leaving out
# the libraries HAVE/usr/lib/i386-linux-gnu already holds (HAVE may be "")
needed_closure() {
	nc_dest=$1 nc_have=$2
	shift 2
	nc_todo=$* nc_seen=
	while [ -n "$nc_todo" ]; do
		nc_next=
		for f in $nc_todo; do
			for lib in $(objdump -p "$f" 2>/dev/null | awk '$1 == "NEEDED" { print $2 }'); do
				case " $nc_seen " in *" $lib "*) continue ;; esac
				nc_seen="$nc_seen $lib"
				src=$(ls "$CH/usr/lib/i386-linux-gnu/$lib" "$CH/lib/i386-linux-gnu/$lib" 2>/dev/null | head -n1)
				[ -n "$src" ] || { echo "make-initramfs: chroot: $lib not found" >&2; exit 1; }
				nc_next="$nc_next $src"
				[ -n "$nc_have" ] && [ -e "$nc_have/usr/lib/i386-linux-gnu/$lib" ] && continue
				cp -L "$src" "$nc_dest/usr/lib/i386-linux-gnu/$lib"
			done
		done
		nc_todo=$nc_next
	done
}
# strace and busybox (chroot-prepare.sh installs them) for the tracing tests
CH_PROGS="dash ls cat wc sort head grep sed uname echo true env strace busybox"
if [ -x "$CH/usr/bin/dash" ]; then
	r=$stage/chroot
	mkdir -p "$r/usr/bin" "$r/usr/lib/i386-linux-gnu" "$r/proc" "$r/tmp" "$r/dev"
	ln -s usr/bin "$r/bin"
	ln -s usr/lib "$r/lib"
	ln -s dash "$r/usr/bin/sh"
	ln -s i386-linux-gnu/ld-linux.so.2 "$r/usr/lib/ld-linux.so.2"
	todo=
	for p in $CH_PROGS; do
		[ -x "$CH/usr/bin/$p" ] && cp "$CH/usr/bin/$p" "$r/usr/bin/" && todo="$todo $CH/usr/bin/$p"
	done
	cp -L "$CH/usr/lib/i386-linux-gnu/ld-linux.so.2" "$r/usr/lib/i386-linux-gnu/"
	# glibc dlopens libgcc_s to unwind (pthread_cancel, vdso-glibc's threads)
	cp -L "$CH/usr/lib/i386-linux-gnu/libgcc_s.so.1" "$r/usr/lib/i386-linux-gnu/"
	needed_closure "$r" "" $todo
	packed="$packed chroot tracing"
	# why the tools are not there: /init skips the tracing tests with it
	if [ -f "$CH/relvdso/tools.missing" ]; then cp "$CH/relvdso/tools.missing" "$r/tools.missing"; fi
else
	missing="$missing chroot($CH)"
fi
echo "make-initramfs: packed:${packed:- nothing}"
# the test names /init will report for them (guest-check requires these)
for p in $packed; do
	case $p in selftests/*) echo "selftest-${p#selftests/}" ;; chroot) echo chroot ;;
	# tracing.c: strace -i of each consumer and of busybox, strace -f
	tracing) for c in $packed busybox; do
			case $c in vdso-*|busybox) echo "strace-i-$c" ;; esac
		done; echo strace-f ;;
	*) echo "$p" ;; esac
done >"$G/initramfs.tests.tmp"
[ -z "$missing" ] || echo "make-initramfs: not built (skipped in the guest):$missing"

(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) | gzip -9 >"$out.tmp"
mv "$G/initramfs.tests.tmp" "$G/initramfs.tests"
mv "$out.tmp" "$out"
echo "make-initramfs: $out ($(wc -c <"$out") bytes)"

# gdb for the debugger tests (init/debugger.c) in an archive of its own,
# appended to the base one: $G/initramfs-gdb.cpio.gz.  Linux unpacks
# concatenated archives in order, so these files join /chroot.  gdb 13
# does not start without Python's encodings package, and without its own
# Python directory it prints error lines in the middle of a backtrace: the
# stdlib modules its start-up imports (measured with PYTHONVERBOSE=1) come
# along, the other 15 MB of Python's library stay out.
GDB_PY="encodings/__init__ encodings/aliases encodings/ascii encodings/utf_8 _weakrefset
	collections/__init__ collections/abc contextlib copy copyreg enum functools
	importlib/__init__ keyword linecache operator re/__init__ re/_casefix re/_compiler
	re/_constants re/_parser reprlib textwrap token tokenize traceback types warnings weakref"
gout=$G/initramfs-gdb.cpio.gz
rm -f "$gout"
if [ -x "$CH/usr/bin/gdb" ] && [ -d "$stage/chroot" ]; then
	t=$G/gdb-tools
	rm -rf "$t"
	r=$t/chroot
	py=$r/usr/lib/python3.11
	mkdir -p "$r/usr/bin" "$r/usr/lib/i386-linux-gnu" "$r/usr/share/gdb/syscalls" "$py/lib-dynload"
	cp "$CH/usr/bin/gdb" "$r/usr/bin/"
	$CC -m32 -std=gnu11 -O0 -g -Wall -Wextra -Werror -fasynchronous-unwind-tables \
		-o "$r/usr/bin/gdb-target" "$ROOT/userspace-tests/gdb-target/gdb_target.c"
	needed_closure "$r" "$stage/chroot" "$CH/usr/bin/gdb" "$r/usr/bin/gdb-target"
	cp -r "$CH/usr/share/gdb/python" "$r/usr/share/gdb/"
	cp "$CH/usr/share/gdb/syscalls/i386-linux.xml" "$CH/usr/share/gdb/syscalls/gdb-syscalls.dtd" \
		"$r/usr/share/gdb/syscalls/"
	for m in $GDB_PY; do
		mkdir -p "$py/$(dirname "$m")"
		cp "$CH/usr/lib/python3.11/$m.py" "$py/$m.py"
	done
	(cd "$t" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) | gzip >"$t.cpio.gz"
	cat "$out" "$t.cpio.gz" >"$gout.tmp"
	mv "$gout.tmp" "$gout"
	echo "make-initramfs: $gout ($(wc -c <"$gout") bytes, $(wc -c <"$t.cpio.gz") of them gdb)"
else
	echo "make-initramfs: no gdb in $CH (scripts/userspace/chroot-prepare.sh): no $gout"
fi
