#!/bin/sh
# Listing duties at scale (issue 10: linear in matters). Builds a case of
# 10,000 allegations (tests/listing/gen_matters.py) and evaluates it under
# the listing-only policy tests/listing/listing.lua with the default memory
# and instruction budgets; the wall-clock budget is raised because the
# machine's load is not the algorithm's cost (bench/README.md has the
# instruction counts). Asserts that it completes and what the last matter's
# messages say: the first five missed matters named, the rest counted.
# usage: sh tests/listing/run.sh path/to/casecheck
set -u
cc=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
python3 tests/listing/gen_matters.py 10000 > "$dir/case.json" || { echo "listing: cannot generate the case"; exit 1; }
"$cc" run --policy tests/listing/listing.lua --format json --max-seconds 120 "$dir/case.json" > "$dir/out.json" 2> "$dir/err"
rc=$?
if [ "$rc" -ne 1 ]; then
	echo "FAIL 10,000 matters: exit $rc, expected 1 (findings failed)"
	cat "$dir/err"
	fail=1
fi
want() {
	if grep -qF "$1" "$dir/out.json"; then :; else
		echo "FAIL 10,000 matters: no message $1"
		fail=1
	fi
}
want "\"message\": \"The systems check on 17 August 2026 missed allegation 'a1' (1999-04-01), allegation 'a2' (1999-04-02), allegation 'a3' (1999-04-03), allegation 'a4' (1999-04-04), allegation 'a5' (1999-04-05) and 9993 others.\""
want "\"message\": \"Allegation number 10000: the assessment on 17 August 2026 missed allegation 'a1' (1999-04-01), allegation 'a2' (1999-04-02), allegation 'a3' (1999-04-03), allegation 'a4' (1999-04-04), allegation 'a5' (1999-04-05) and 9994 others.\""
# one missed matter beyond the named five is "1 other"
want "\"message\": \"Allegation number 7: the assessment on 8 April 1999 missed allegation 'a1' (1999-04-01), allegation 'a2' (1999-04-02), allegation 'a3' (1999-04-03), allegation 'a4' (1999-04-04), allegation 'a5' (1999-04-05) and 1 other.\""
n=$(grep -c '"step": "history.checked"' "$dir/out.json")
[ "$n" -eq 10000 ] || { echo "FAIL 10,000 matters: $n history findings"; fail=1; }
if [ "$fail" -eq 0 ]; then echo "listing: 10,000 matters evaluated"; fi
exit "$fail"
