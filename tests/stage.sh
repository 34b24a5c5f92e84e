#!/bin/sh
# stage.sh: one stage of 'make check', run with its output kept together and
# labelled, and its counts recorded so that the last line of 'make check' can
# sum every stage: "check: N passed, M failed".
#
# usage: sh tests/stage.sh DIR NAME COMMAND [ARGS...]   run a stage
#        sh tests/stage.sh DIR --total                  print the total
#
# A stage's counts come from its lines "N passed, M failed" (optionally after
# "name: "), or check's "Checks: N, Failures: F, Errors: E"; a stage that
# prints neither counts as one check. A stage that exits non-zero counts at
# least one failure.
set -u
dir=$1
name=$2
mkdir -p "$dir"
if [ "$name" = "--total" ]; then
	passed=0
	failed=0
	for f in "$dir"/*.count; do
		[ -f "$f" ] || continue
		read -r p m <"$f"
		passed=$((passed + p))
		failed=$((failed + m))
	done
	echo "check: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
shift 2
label=${name#check-}
log=$dir/$label.log
"$@" >"$log" 2>&1
rc=$?
echo "== $label"
cat "$log"
counts=$(sed -n -e 's/^\([a-z-]*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2 \3/p' \
	-e 's/.*Checks: \([0-9][0-9]*\), Failures: \([0-9][0-9]*\), Errors: \([0-9][0-9]*\).*/\1 \2 \3/p' "$log" |
	awk 'NF == 3 { p += $1 - $2 - $3; m += $2 + $3; next } { p += $1; m += $2 } END { print p + 0, m + 0 }')
set -- $counts
p=$1
m=$2
if [ $((p + m)) -eq 0 ]; then
	if [ $rc -eq 0 ]; then p=1; else m=1; fi
elif [ $rc -ne 0 ] && [ "$m" -eq 0 ]; then
	m=1
fi
echo "$p $m" >"$dir/$label.count"
if [ $rc -ne 0 ]; then
	echo "== $label: FAILED (exit $rc)"
fi
exit $rc
