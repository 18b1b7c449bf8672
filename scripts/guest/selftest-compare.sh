#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Compare the RELVDSO-SELFTEST lines of a relvdso guest cell with those of
# the stock kernel (same config without relvdso) booted the same way: one
# line per test and CPU,
#
#   NAME cpu=C: same
#   NAME cpu=C: expected: REASON
#   NAME cpu=C: FAIL: WHAT
#
# then a summary.  "same" means every field of the two lines but secs is
# equal: the exit status (or killing signal) and the counts of [OK], [FAIL],
# [SKIP], kselftest "ok" and "not ok" lines.  /init's fast-path probe lines
# (RELVDSO-FASTPATH name=fastpath/PHASE/FUNCTION path=LETTERS, one letter
# per clock id: f fast, s system call, a absent) are compared the same way,
# on their one field, path.  A difference is expected only
# when a row of the expected-differences table (selftest-expected.txt; its
# header says the format) names the test, its condition holds for this
# cell, and what it says about the relvdso result holds; a row whose
# condition holds but whose claim does not is a FAIL too, so the table
# cannot go stale.  A test on one side only is a FAIL.
#
#   selftest-compare.sh --relvdso LOG --stock LOG [--stock-nosep LOG]
#       --mode normal|compat|disabled --entry int80|sysenter|none
#       --sep 0|1 --cpu sep|nosep --backend NAME --reservetop none|16M|64M
#       [--variant NAME] [--expected FILE]
#
# --stock: the stock kernel with the same CPU, reservetop and -smp, vdso=1
# for a relvdso compat cell (stock 6.1 has no compat mode), vdso=0 for a
# disabled one.  --stock-nosep: the stock kernel under -cpu qemu32,-sep, for
# the rows that say like=stock-nosep.  --sep: whether the relvdso kernel
# kept X86_FEATURE_SEP (relvdso-boot --print-expect's sep=).  The table's
# condition "cpus" (CPUs online) is read from the CPUs the relvdso log was
# pinned to.
# Exit: 0 all same or expected, 1 a FAIL, 2 bad usage or table.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
rv= st= nosep=/dev/null expected=$HERE/selftest-expected.txt
mode= entry= sep= cpu= backend= reservetop= variant=any
while [ $# -gt 1 ]; do
	case "$1" in
	--relvdso) rv=$2 ;; --stock) st=$2 ;; --stock-nosep) nosep=$2 ;;
	--expected) expected=$2 ;; --mode) mode=$2 ;; --entry) entry=$2 ;;
	--sep) sep=$2 ;; --cpu) cpu=$2 ;; --backend) backend=$2 ;;
	--reservetop) reservetop=$2 ;; --variant) variant=$2 ;;
	*) break ;;
	esac
	shift 2
done
usage() {
	echo "selftest-compare.sh: $1" >&2
	sed -n '/^#   selftest-compare.sh --relvdso/,/^#$/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
[ $# -eq 0 ] || usage "unknown argument $1"
[ -n "$rv" ] && [ -n "$st" ] || usage "--relvdso and --stock are required"
for v in mode entry sep cpu backend reservetop; do
	eval "[ -n \"\$$v\" ]" || usage "--$v is required"
done
for f in "$rv" "$st" "$nosep" "$expected"; do
	[ -r "$f" ] || usage "cannot read $f"
done

# one awk pass over: the table, then the three logs (which= says which)
out=$(awk -v mode="$mode" -v entry="$entry" -v sep="$sep" -v cpu="$cpu" -v backend="$backend" \
	-v reservetop="$reservetop" -v variant="$variant" -v have_nosep="$([ "$nosep" = /dev/null ] || echo 1)" '
BEGIN {
	nf = split("rc ok fail skip kok knotok path", field, " ")
	param["mode"] = mode; param["entry"] = entry; param["sep"] = sep; param["cpu"] = cpu
	param["backend"] = backend; param["reservetop"] = reservetop; param["variant"] = variant
}
{ sub(/\r$/, "") }
which == "table" && !/^[ \t]*(#|$)/ {
	if (NF < 4) { print "BAD " FILENAME ":" FNR ": want TEST WHEN WANT REASON"; bad = 1; next }
	nrow++; rtest[nrow] = $1; rwhen[nrow] = $2; rwant[nrow] = $3
	r = $0; for (i = 1; i <= 3; i++) sub(/^[ \t]*[^ \t]+[ \t]+/, "", r); rwhy[nrow] = r
	next
}
which != "table" && ($1 == "RELVDSO-SELFTEST" || $1 == "RELVDSO-FASTPATH") {
	split("", f)
	f["cpu"] = "any"
	for (i = 2; i <= NF; i++) { k = $i; sub(/=.*/, "", k); v = $i; sub(/^[^=]*=/, "", v); f[k] = v }
	key = f["name"] " cpu=" f["cpu"]
	if ((which, key) in seen) dup[which, key] = 1
	if (!(key in keys)) nkeys++
	seen[which, key] = 1; keys[key] = 1; test[key] = f["name"]
	if (which == "rv" && f["cpu"] != "any" && !((f["cpu"]) in pinned)) { pinned[f["cpu"]] = 1; param["cpus"]++ }
	for (i = 1; i <= nf; i++) rec[which, key, field[i]] = f[field[i]]
}
function holds(when,   n, c, i, kv, vals, m, j, ok) {
	if (when == "*") return 1
	n = split(when, c, ",")
	for (i = 1; i <= n; i++) {
		if (split(c[i], kv, "=") != 2 || !(kv[1] in param)) { print "BAD condition " c[i]; bad = 1; return 0 }
		m = split(kv[2], vals, "|"); ok = 0
		for (j = 1; j <= m; j++) if (vals[j] == param[kv[1]]) ok = 1
		if (!ok) return 0
	}
	return 1
}
function show(w, key,   s, i) {
	for (i = 1; i <= nf; i++) s = s " " field[i] "=" rec[w, key, field[i]]
	return substr(s, 2)
}
# Check relvdso against ref under the WANT items of its row; the first broken claim, or "".
function check(key, ref, want,   n, item, i, kv, set, f, v, s) {
	n = (want == "-") ? 0 : split(want, item, ",")
	for (i = 1; i <= n; i++) {
		if (item[i] == "like=stock-nosep") continue
		if (split(item[i], kv, "=") != 2) { print "BAD item " item[i]; bad = 1; return "bad item" }
		f = kv[1]; v = kv[2]
		if (f ~ /^stock\./) {
			sub(/^stock\./, "", f)
			if (rec[ref, key, f] != v) return "stock " f "=" rec[ref, key, f] " (row says " v ")"
			continue
		}
		set[f] = 1
		if (v ~ /^[+-][0-9]+$/) v = rec[ref, key, f] + v
		if (rec["rv", key, f] != v) return "relvdso " f "=" rec["rv", key, f] " (row says " v ")"
	}
	for (i = 1; i <= nf; i++) {
		f = field[i]
		if (!(f in set) && rec["rv", key, f] != rec[ref, key, f]) s = s " " f
	}
	return s == "" ? "" : "differs in" s
}
END {
	if (bad) exit 2
	if (!param["cpus"]) param["cpus"] = 1	# one CPU: the runner does not pin
	for (key in keys) {
		t = test[key]
		if (!(("rv", key) in seen)) { print key ": FAIL: not in the relvdso log"; continue }
		if (!(("st", key) in seen)) { print key ": FAIL: not in the stock log"; continue }
		if ((("rv", key) in dup) || (("st", key) in dup)) { print key ": FAIL: reported twice"; continue }
		row = 0
		for (r = 1; r <= nrow; r++)
			if (rtest[r] == t && holds(rwhen[r])) {
				if (row) { print key ": FAIL: rows " row " and " r " of the table both apply"; row = -1; break }
				row = r
			}
		if (row < 0) continue
		ref = "st"
		if (row && rwant[row] ~ /(^|,)like=stock-nosep(,|$)/) {
			if (!have_nosep) { print key ": FAIL: the table says like=stock-nosep; give --stock-nosep"; continue }
			if (!(("nosep", key) in seen)) { print key ": FAIL: not in the stock-nosep log"; continue }
			ref = "nosep"
		}
		why = check(key, ref, row ? rwant[row] : "-")
		if (bad) exit 2
		if (why == "")
			print key ": " (row ? "expected: " rwhy[row] : "same")
		else if (row)
			print key ": FAIL: the expected difference (" rwhy[row] ") does not hold: " why \
				"; relvdso " show("rv", key) "; " (ref == "st" ? "stock " : "stock-nosep ") show(ref, key)
		else
			print key ": FAIL: relvdso " show("rv", key) "; stock " show("st", key)
	}
	if (!nkeys) print "(none): FAIL: no RELVDSO-SELFTEST line in either log"
}' which=table "$expected" which=rv "$rv" which=st "$st" which=nosep "$nosep") || {
	echo "$out" | grep '^BAD' >&2; exit 2; }
echo "$out" | grep '^BAD' >&2 && exit 2
echo "$out" | LC_ALL=C sort
same=$(echo "$out" | grep -c ': same$' || true)
exp=$(echo "$out" | grep -c ': expected: ' || true)
fail=$(echo "$out" | grep -c ': FAIL: ' || true)
echo "selftest-compare: $same same, $exp expected, $fail FAIL"
[ "$fail" -eq 0 ]
