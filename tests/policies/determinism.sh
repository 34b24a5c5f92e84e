#!/bin/sh
# determinism.sh: the same inputs give the same bytes in separate processes.
# Lua seeds its string hashes per process, so anything that lets table order
# (pairs), an address or the time reach an output shows up as a difference
# between runs. Each command below runs three times; all outputs must match.
# Usage: sh tests/policies/determinism.sh build/casecheck
set -u
COLUMNS=1000
export COLUMNS
cli=${1:?usage: determinism.sh CASECHECK}
here=$(dirname "$0")
tmp=${TMPDIR:-/tmp}/casecheck-determinism.$$
mkdir -p "$tmp"
pass=0 fail=0
check() {
	name=$1
	shift
	for i in 1 2 3; do
		"$@" >"$tmp/$name.$i" 2>&1
		echo "exit $?" >>"$tmp/$name.$i"
	done
	if cmp -s "$tmp/$name.1" "$tmp/$name.2" && cmp -s "$tmp/$name.1" "$tmp/$name.3"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: the output differs between runs"
		diff "$tmp/$name.1" "$tmp/$name.2" | head -10
		diff "$tmp/$name.1" "$tmp/$name.3" | head -10
	fi
}
check fixtures-json "$cli" run --format json fixtures
check check-faults "$cli" check "$here/determinism/many_faults.lua" "$here/../cli/policies/cli/broken.lua"
check error-objects "$cli" run --format json --policy "$here/cli/error_table.lua" "$here/../cli/fixtures/pass-fail.json"
check check-results "$cli" run --policy "$here/determinism/many_results.lua" "$here/../cli/fixtures/pass-fail.json"
rm -rf "$tmp"
echo "determinism: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
