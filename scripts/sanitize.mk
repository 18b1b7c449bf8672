# SPDX-License-Identifier: GPL-2.0-only
# check-sanitized: the library and every Check suite built with ASan + UBSan
# (gcc's, from libasan8/libubsan1) into their own build directory, then run.
# Included by the top-level Makefile after the modules.  The vDSO images,
# the i386 helpers and the freestanding check take neither CFLAGS nor
# LDFLAGS, so they build exactly as in the plain build.
#
#   make check-sanitized [SAN_BUILD=build/asan]

SAN_BUILD ?= $(BUILD)/asan
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV   := ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:strict_string_checks=1 \
	     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: check-sanitized
check-sanitized:
	$(MAKE) BUILD=$(SAN_BUILD) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all tests
	$(SAN_ENV) RELVDSO_BUILD=$(SAN_BUILD) scripts/run-tests.sh $(SAN_BUILD) \
		$(TEST_NAMES:%=$(SAN_BUILD)/tests/%)

# static-analysis: clang-tidy (.clang-tidy) and cppcheck on the freestanding
# core; must be clean.  See scripts/static-analysis.sh.
.PHONY: static-analysis
static-analysis:
	scripts/static-analysis.sh
