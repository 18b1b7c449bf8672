#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The build and install conventions (`make check` runs this; under a minute):
#   - a fresh build in a scratch BUILD, then `make -q all`: nothing left to do;
#   - a changed VERSION rebuilds the objects that print it, and only a build
#     brings `make -q all` back to true;
#   - `make install` right after `make` runs no build command;
#   - `make install DESTDIR=d`, then `make uninstall DESTDIR=d`: no file left;
#   - every installed tool has a man page, and every page is lint-clean;
#   - nm: the installed librelvdso.a defines no global symbol but relvdso_*;
#   - a C++ program including every installed header compiles with
#     g++ -Wall -Werror, links through pkg-config and runs;
#   - a shared object can be linked from librelvdso.a (it is -fPIC).
#
#   scripts/check-build.sh [SCRATCH_DIR]     (default: a mktemp directory)
set -u
cd "$(dirname "$0")/.."
make=${MAKE:-make}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

tmp=${1:-$(mktemp -d "${TMPDIR:-/tmp}/relvdso-check-build.XXXXXX")}
mkdir -p "$tmp"
[ $# -ge 1 ] || trap 'rm -rf "$tmp"' EXIT
build=$tmp/build dest=$tmp/dest
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/     /'; }

# A copy of VERSION the test may touch without disturbing anyone's tree.
cp VERSION "$tmp/VERSION"
mk() { $make --no-print-directory BUILD="$build" VERSION_FILE="$tmp/VERSION" "$@"; }

# 1. fresh build, then nothing to do
if out=$(mk -j"$jobs" all 2>&1); then
	ok "fresh build ($(printf '%s\n' "$out" | grep -c '^  ') commands)"
else
	bad "fresh build" "$(printf '%s\n' "$out" | tail -20)"
	echo "$pass passed, $fail failed"; exit 1
fi
long=$(printf '%s\n' "$out" | grep -E '^[^ ]*(gcc|cc|clang|ar|ld|objcopy) ' | head -3)
if [ -z "$long" ]; then ok "default output is short ($(printf '%s\n' "$out" | grep -m1 '^  CC'))"
else bad "default output shows full commands" "$long"; fi
if mk -q all; then ok "make -q all after make: nothing to do"
else bad "make -q all after make" "$(mk -n all 2>&1 | head -10)"; fi
out=$(mk all 2>&1 | grep -v 'Nothing to be done')
if [ -z "$out" ]; then ok "second make runs no command"
else bad "second make runs commands" "$(printf '%s\n' "$out" | head -10)"; fi

# 2. a new VERSION rebuilds what prints it; afterwards nothing to do again
sleep 1; touch "$tmp/VERSION"
if mk -q all; then bad "make -q all after touching VERSION: should be out of date"
else ok "touching VERSION makes the host objects out of date"; fi
out=$(mk all 2>&1)
if printf '%s\n' "$out" | grep -q 'CC *tools/' \
	&& ! printf '%s\n' "$out" | grep -qE '^  (CC|AS|LD|STRIP) +(relocator|sysenter|compat|kernel-glue|vdso)/' \
	&& mk -q all; then ok "VERSION rebuilds the tools, not the core objects or the images; then nothing to do"
else bad "VERSION rebuild" "$(printf '%s\n' "$out" | head -10)"; fi

# 3. V=1 shows full commands (-W: make imagines one core source is new)
out=$(mk V=1 -W relocator/strerror.c all 2>&1)
if printf '%s\n' "$out" | grep -q -- '-c relocator/strerror.c -o'; then ok "V=1 prints the full command"
else bad "V=1 prints the full command" "$(printf '%s\n' "$out" | head -5)"; fi
mk -q all || mk all >/dev/null 2>&1

# 4. install right after make builds nothing; uninstall removes every file
out=$(mk install DESTDIR="$dest" 2>&1)
rc=$?
if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q '^  '; then ok "make install after make builds nothing"
else bad "make install after make (rc $rc)" "$(printf '%s\n' "$out" | head -10)"; fi
root=$dest/usr/local

for t in $(mk -s print-INSTALL_TOOLS); do
	[ -x "$root/bin/$t" ] || bad "tool $t installed"
	if [ -f "$root/share/man/man1/$t.1" ]; then ok "man page for $t installed"
	else bad "man page for $t installed"; fi
done
if [ -e "$root/bin/vdso-gen" ]; then bad "vdso-gen (build-internal) is not installed"
else ok "vdso-gen (build-internal) is not installed"; fi
[ -f "$root/share/man/man7/relvdso.7" ] && ok "relvdso(7) installed" || bad "relvdso(7) installed"
out=$(for p in "$root"/share/man/man*/*; do LC_ALL=C.UTF-8 groff -man -ww -z "$p" 2>&1; done)
if [ -z "$out" ]; then ok "installed man pages are lint-clean (groff -man -ww -z)"
else bad "installed man pages lint" "$out"; fi

# 5. nm: only relvdso_* defined globally in the installed library
lib=$root/lib/librelvdso.a
syms=$(nm -g --defined-only "$lib" 2>&1 | awk 'NF == 3 { print $3 }')
others=$(printf '%s\n' "$syms" | grep -v '^relvdso_' | grep -v '^$')
nsym=$(printf '%s\n' "$syms" | grep -c '^relvdso_')
if [ -z "$others" ] && [ "$nsym" -gt 0 ]; then ok "nm librelvdso.a: $nsym global symbols, all relvdso_*"
else bad "nm librelvdso.a: globals other than relvdso_*" "$others"; fi
if nm "$lib" | grep -q ' [tTdDrRbB] rv_'; then ok "internal rv_* symbols are local"
else bad "internal rv_* symbols are local (none found)"; fi

# 6. C++: every installed header, g++ -Wall -Werror, pkg-config, link, run
# (relvdso.pc is relocatable: its prefix is where the file lies)
export PKG_CONFIG_PATH="$root/lib/pkgconfig"
noguard=$(grep -L 'extern "C"' "$root"/include/relvdso/*.h)
if [ -z "$noguard" ]; then ok "every installed header has an extern \"C\" guard"
else bad "headers without extern \"C\"" "$noguard"; fi
{
	echo "/* generated by scripts/check-build.sh: every installed header */"
	for h in "$root"/include/relvdso/*.h; do echo "#include <relvdso/${h##*/}>"; done
} > "$tmp/relvdso_all.h"
flags=$(pkg-config --cflags --libs relvdso 2>&1)
# shellcheck disable=SC2086
out=$(g++ -Wall -Werror -I"$tmp" -o "$tmp/all_headers" tests/cxx/all_headers.cc $flags 2>&1)
if [ $? -eq 0 ]; then ok "C++ program including every header links (g++ -Wall -Werror, pkg-config: $flags)"
else bad "C++ program including every header" "$out"; fi
out=$("$tmp/all_headers" 2>&1)
if [ $? -eq 0 ]; then ok "C++ program runs: $out"; else bad "C++ program runs" "$out"; fi

# 7. the static library can go into a shared object
out=$(gcc -shared -o "$tmp/librelvdso-test.so" -Wl,--whole-archive "$lib" -Wl,--no-whole-archive 2>&1)
if [ $? -eq 0 ] && ! nm -D --defined-only "$tmp/librelvdso-test.so" | awk '{print $3}' | grep -q '^rv_'; then
	ok "librelvdso.a links into a shared object (PIC), no rv_* exported"
else bad "librelvdso.a into a shared object" "$out"; fi

# 8. uninstall leaves no file
out=$(mk uninstall DESTDIR="$dest" 2>&1)
left=$(find "$dest" -type f -o -type l 2>/dev/null)
if [ $? -eq 0 ] && [ -z "$left" ]; then ok "make uninstall leaves no file in DESTDIR"
else bad "make uninstall leaves files" "$out
$left"; fi
if [ ! -e "$dest" ] || [ -z "$(find "$dest" -mindepth 1)" ]; then ok "make uninstall leaves no directory in DESTDIR"
else bad "make uninstall leaves directories" "$(find "$dest" -mindepth 1)"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
