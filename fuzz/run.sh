#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run each named harness over its corpora with a bound, fail on any finding.
#   fuzz/run.sh FUZZ_OUT time SECONDS NAME...     (the CI smoke)
#   fuzz/run.sh FUZZ_OUT runs EXECUTIONS NAME...  (a long run)
# Corpora: FUZZ_OUT/corpus/NAME (new inputs land here), then the checked-in
# fuzz/corpus/NAME, then FUZZ_OUT/seeds/NAME when it exists.  Findings are
# written to FUZZ_OUT/artifacts/NAME-*; libFuzzer's final stats are printed.
# Runs under `nice -n 10`: the machine is shared.
set -u
out=$1 kind=$2 bound=$3; shift 3
case $kind in
time) limit="-max_total_time=$bound" ;;
runs) limit="-runs=$bound" ;;
*) echo "fuzz/run.sh: kind must be time or runs" >&2; exit 2 ;;
esac
failed=""
for name in "$@"; do
	mkdir -p "$out/corpus/$name" "$out/artifacts"
	seeds=""
	[ -d "$out/seeds/$name" ] && seeds="$out/seeds/$name"
	echo "== fuzz_$name ($kind $bound)"
	# shellcheck disable=SC2086
	if nice -n 10 "$out/fuzz_$name" $limit -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$name-" \
		"$out/corpus/$name" "fuzz/corpus/$name" $seeds \
		>"$out/fuzz_$name.log" 2>&1; then
		grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|^Done|INFO: seed corpus' \
			"$out/fuzz_$name.log"
		echo "   corpus: $(ls "$out/corpus/$name" | wc -l) files in $out/corpus/$name"
	else
		tail -n 40 "$out/fuzz_$name.log"
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: FINDINGS in:$failed (see $out/artifacts/, logs $out/fuzz_*.log)" >&2
	exit 1
fi
echo "fuzz: no findings"
