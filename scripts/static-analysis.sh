#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Static analysis of the freestanding core: clang-tidy (config: .clang-tidy)
# and cppcheck, on relocator/, sysenter/, compat/ and kernel-glue/*.c (the
# Linux adapter under kernel-glue/linux-*/ needs kernel headers and is not
# core).  Both must be clean: exit 1 on any finding.  Files are analysed
# the way the freestanding build compiles them (-m32 -ffreestanding).
#   scripts/static-analysis.sh [FILE.c...]
set -u
cd "$(dirname "$0")/.." || exit 2
if [ $# -gt 0 ]; then
	files="$*"
else
	files=$(ls relocator/*.c sysenter/*.c compat/*.c kernel-glue/*.c)
fi
tidy=$(command -v clang-tidy-14 || command -v clang-tidy) || { echo "static-analysis: clang-tidy missing" >&2; exit 2; }
command -v cppcheck >/dev/null || { echo "static-analysis: cppcheck missing" >&2; exit 2; }
status=0

echo "== clang-tidy ($(basename "$tidy"))"
# shellcheck disable=SC2086
out=$("$tidy" --quiet $files -- -std=c11 -m32 -ffreestanding -Iinclude -Irelocator 2>&1) || status=1
printf '%s\n' "$out" | grep -v 'warnings\{0,1\} generated\.$' | grep -v '^$'
[ $status = 0 ] && echo "clang-tidy: clean ($(echo $files | wc -w) files)"

echo "== cppcheck $(cppcheck --version | sed 's/Cppcheck //')"
# Only our headers: the compiler's and libc's are not part of the core.
# Analysed for both hosts of the core (i386 kernel, x86_64 runner).  One
# suppression, for 32 bits only: opt_cmdline.c clamps a size_t length to
# UINT32_MAX, which can never trigger where size_t is 32 bits but is the
# guard that matters on x86_64.
cpp_status=0
for platform in unix32 unix64; do
	extra=""
	[ $platform = unix32 ] && extra="--suppress=compareValueOutOfTypeRangeError:compat/opt_cmdline.c"
	# shellcheck disable=SC2086
	cppcheck --quiet --error-exitcode=1 --std=c11 --platform=$platform \
		--enable=warning,style,performance,portability --inline-suppr \
		--suppress=missingIncludeSystem $extra -Iinclude -Irelocator \
		-D__STDC_HOSTED__=0 $files || cpp_status=1
done
if [ $cpp_status = 0 ]; then echo "cppcheck: clean (unix32, unix64)"; else status=1; fi
[ $status = 0 ] || echo "static-analysis: FINDINGS" >&2
exit $status
