# SPDX-License-Identifier: GPL-2.0-only
# man/: the installed tools' manual pages and relvdso(7), the boot-option
# contract.  vdso-gen is build-internal and not installed, so it has none.
#
#   make man-lint   every page through `groff -man -ww -z` (and
#                   `mandoc -Tlint` when mandoc is installed); must be silent
MAN_PAGES += man/vdsorun.1 man/vdso-reloc.1 man/vdso-inspect.1 man/relvdso-boot.1
MAN_PAGES += man/relvdso.7

.PHONY: man-lint
man-lint:
	@rc=0; for page in $(MAN_PAGES); do \
		out=$$(LC_ALL=C.UTF-8 groff -man -ww -z $$page 2>&1); \
		if command -v mandoc >/dev/null 2>&1; then \
			out="$$out$$(mandoc -Tlint -W warning $$page 2>&1)"; fi; \
		if [ -n "$$out" ]; then echo "FAIL $$page"; echo "$$out"; rc=1; \
		else echo "PASS $$page"; fi; \
	done; exit $$rc
