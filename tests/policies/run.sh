#!/bin/sh
# run.sh: the adversarial policies of tests/policies/cli/ through the CLI.
# Each file says what it attacks and, in its header, what must happen:
#   -- expect: TEXT   a line of the output (stdout and stderr) contains TEXT
#   -- args: ARGS     extra options for 'casecheck run' (budgets)
# Every one must end in exit 3 (a policy error or a policy over its budget)
# well within its budget; the time each took is printed.
# Instruction and memory cases get --max-seconds 60, so that on a loaded
# machine the budget that trips is still the one the file names.
# Usage: sh tests/policies/run.sh build/casecheck
set -u
# what is asserted is the text, not how it wraps
COLUMNS=1000
export COLUMNS
cli=${1:?usage: run.sh CASECHECK}
dir=$(dirname "$0")/cli
fixture=$(dirname "$0")/../cli/fixtures/pass-fail.json
out=${TMPDIR:-/tmp}/casecheck-adversary.$$
pass=0 fail=0
for f in "$dir"/*.lua; do
	name=$(basename "$f" .lua)
	expect=$(sed -n 's/^-- expect: //p' "$f")
	args=$(sed -n 's/^-- args: //p' "$f")
	[ -n "$args" ] || args="--max-seconds 60"
	start=$(date +%s%N)
	# shellcheck disable=SC2086 # ARGS is a list of options
	timeout 60 "$cli" run $args --policy "$f" "$fixture" >"$out" 2>&1
	rc=$?
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	if [ "$rc" -eq 3 ] && grep -qF -- "$expect" "$out"; then
		pass=$((pass + 1))
		printf 'ok   %-20s %5d ms  %s\n' "$name" "$ms" "$expect"
	else
		fail=$((fail + 1))
		printf 'FAIL %-20s %5d ms  exit %s, expected exit 3 and: %s\n' "$name" "$ms" "$rc" "$expect"
		sed 's/^/     | /' "$out" | head -5
	fi
done
rm -f "$out"
echo "adversarial policies: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
