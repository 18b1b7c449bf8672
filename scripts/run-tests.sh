#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run every test program given; print each one's own summary (Check prints
# "NN%: Checks: N, Failures: N, Errors: N") and a final tally line.
# Exit 1 if any program failed.
set -u
build=$1; shift
passed=0; failed=0; failed_names=""
for t in "$@"; do
	name=$(basename "$t")
	echo "== $name"
	if "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)); failed_names="$failed_names $name"
	fi
done
echo "== test programs: $passed passed, $failed failed${failed_names:+ ($failed_names )}"
[ "$failed" -eq 0 ]
