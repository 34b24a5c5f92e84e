#!/bin/sh
# run.sh: the report formats and 'test' workflows, checked with real
# consumers: JUnit XML and the HTML page with xmllint (well-formed, and their structure by XPath:
# one testcase per finding or fixture, the failures attributes matching the
# <failure> elements), TAP with prove (passes for a green run, fails for a
# failing one), --update (expected bytes, then a no-op), -j (same bytes).
#
# usage: sh tests/formats/run.sh path/to/casecheck
# Prints "N passed, M failed"; exits 1 when any check failed.
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/formats/run.sh path/to/casecheck" >&2
	exit 2
fi
bin=$1
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2
for tool in xmllint prove; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "run.sh: $tool not found (make deps installs it)" >&2
		exit 2
	fi
done

NO_COLOR=1
CASECHECK_PATH=tests/cli/policies
export NO_COLOR CASECHECK_PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formats.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

GREEN=tests/formats/fixtures
RED=tests/cli/mismatch
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}

bad() {
	echo "FAIL $*"
	fail=$((fail + 1))
}

# expect NAME WANT GOT
expect() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi
}

xpath() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}

# ---- run --format junit: a testcase per finding ----
"$bin" run --format junit -o "$tmp/run.xml" tests/cli/fixtures $RED $GREEN
expect "run junit exit" 1 $?
if xmllint --noout "$tmp/run.xml"; then ok; else bad "run junit: not well-formed XML"; fi
findings=$("$bin" run --format json tests/cli/fixtures $RED $GREEN |
	grep -c '"step":')
expect "run junit testcases = findings" "$findings" "$(xpath "$tmp/run.xml" 'count(//testcase)')"
expect "run junit failures attribute" "$(xpath "$tmp/run.xml" 'count(//failure)')" \
	"$(xpath "$tmp/run.xml" 'string(/testsuites/@failures)')"
expect "run junit failures" 3 "$(xpath "$tmp/run.xml" 'count(//failure)')"
expect "run junit suites" 3 "$(xpath "$tmp/run.xml" 'count(/testsuites/testsuite[@name and @tests and @failures and @errors and @skipped])')"
expect "run junit cite property" "$findings" "$(xpath "$tmp/run.xml" 'count(//testcase/properties/property[@name="cite"])')"
expect "run junit classname" "cli-pass-fail" \
	"$(xpath "$tmp/run.xml" 'string(//testcase[@name="record.conduct_matter [a1]"]/@classname)')"

# ---- run --format html: one well-formed page, a section per case, a row per finding ----
"$bin" run --format html -o "$tmp/run.html" tests/cli/fixtures $RED $GREEN
expect "run html exit" 1 $?
if xmllint --noout "$tmp/run.html"; then ok; else bad "run html: not well-formed (polyglot XHTML)"; fi
expect "run html sections = cases" 3 "$(xpath "$tmp/run.html" 'count(//section[@class="case"])')"
expect "run html rows = findings" "$findings" "$(xpath "$tmp/run.html" 'count(//tr[td])')"
expect "run html timelines" 3 "$(xpath "$tmp/run.html" 'count(//figure[@class="tl"])')"
# every event of pass-fail.json is drawn as a mark with a tooltip, and listed
expect "run html event marks" "$(grep -c '"type":' tests/cli/fixtures/pass-fail.json)" \
	"$(xpath "$tmp/run.html" 'count(//section[@id="case-cli-pass-fail"]//span[contains(concat(" ", @class, " "), " ev ") and @title])')"
expect "run html events listed" "$(grep -c '"type":' tests/cli/fixtures/pass-fail.json)" \
	"$(xpath "$tmp/run.html" 'count(//section[@id="case-cli-pass-fail"]//details[@class="events"]//li)')"
# the summary lists every case, failures first; a finding's anchor is case/step/matter
expect "run html summary" 3 "$(xpath "$tmp/run.html" 'count(//section[@id="summary"]//li/a[starts-with(@href, "#case-")])')"
expect "run html first case has a failure" 1 \
	"$(xpath "$tmp/run.html" 'count((//section[@class="case"])[1]//tr[@data-status="fail"][1])')"
expect "run html finding anchor" 1 \
	"$(xpath "$tmp/run.html" 'count(//tr[@id="case-cli-pass-fail/record.conduct_matter/a1"])')"

# ---- run --format tap ----
"$bin" run --format tap -o "$tmp/green.tap" $GREEN
expect "run tap green exit" 0 $?
if prove -e cat "$tmp/green.tap" >"$tmp/prove.out" 2>&1; then ok; else bad "run tap green: prove failed"; cat "$tmp/prove.out"; fi
"$bin" run --format tap -o "$tmp/red.tap" tests/cli/fixtures
expect "run tap red exit" 1 $?
if prove -e cat "$tmp/red.tap" >"$tmp/prove.out" 2>&1; then bad "run tap red: prove passed"; else ok; fi
expect "run tap yaml blocks" 1 "$(grep -c '^  ---$' "$tmp/red.tap")"
expect "run tap yaml cite" 1 "$(grep -c '^  cite: "PRA 2002 Sch 3 para 13"$' "$tmp/red.tap")"

# ---- test --format junit: a testcase per fixture ----
"$bin" test --format junit -o "$tmp/test.xml" tests/cli/fixtures $RED $GREEN
expect "test junit exit" 1 $?
if xmllint --noout "$tmp/test.xml"; then ok; else bad "test junit: not well-formed XML"; fi
expect "test junit testcases" 3 "$(xpath "$tmp/test.xml" 'count(//testcase)')"
expect "test junit failures" 1 "$(xpath "$tmp/test.xml" 'string(/testsuites/testsuite/@failures)')"
expect "test junit failure message" "2 mismatches" "$(xpath "$tmp/test.xml" 'string(//failure/@message)')"

# ---- test --format tap ----
"$bin" test --format tap -o "$tmp/test-green.tap" tests/cli/fixtures $GREEN
expect "test tap green exit" 0 $?
if prove -e cat "$tmp/test-green.tap" >"$tmp/prove.out" 2>&1; then ok; else bad "test tap green: prove failed"; cat "$tmp/prove.out"; fi
"$bin" test --format tap -o "$tmp/test-red.tap" tests/cli/fixtures $RED
expect "test tap red exit" 1 $?
if prove -e cat "$tmp/test-red.tap" >"$tmp/prove.out" 2>&1; then bad "test tap red: prove passed"; else ok; fi

# ---- test --update: expected bytes, then a no-op ----
mkdir "$tmp/upd"
cp $RED/wrong-status.json tests/formats/update/bare.json "$tmp/upd/"
"$bin" test --update "$tmp/upd" >"$tmp/upd.out" 2>&1
expect "update exit" 0 $?
if cmp -s "$tmp/upd/wrong-status.json" tests/formats/update/wrong-status.expected.json; then ok; else
	bad "update: wrong-status.json differs"; diff -u tests/formats/update/wrong-status.expected.json "$tmp/upd/wrong-status.json"; fi
if cmp -s "$tmp/upd/bare.json" tests/formats/update/bare.expected.json; then ok; else
	bad "update: bare.json differs"; diff -u tests/formats/update/bare.expected.json "$tmp/upd/bare.json"; fi
"$bin" test --update "$tmp/upd" >"$tmp/upd2.out" 2>&1
expect "update again exit" 0 $?
if cmp -s "$tmp/upd/wrong-status.json" tests/formats/update/wrong-status.expected.json &&
   cmp -s "$tmp/upd/bare.json" tests/formats/update/bare.expected.json; then ok; else bad "update: not idempotent"; fi
expect "update again summary" "2 passed, 0 failed" "$(tail -n 1 "$tmp/upd2.out")"

# ---- -j N: the same bytes as -j 1 ----
for fmt in text json junit tap; do
	"$bin" test --format $fmt -j 1 fixtures tests/cli $GREEN >"$tmp/j1" 2>"$tmp/j1e"
	c1=$?
	"$bin" test --format $fmt -j 4 fixtures tests/cli $GREEN >"$tmp/j4" 2>"$tmp/j4e"
	c4=$?
	if [ $c1 -eq $c4 ] && cmp -s "$tmp/j1" "$tmp/j4" && cmp -s "$tmp/j1e" "$tmp/j4e"; then ok; else
		bad "-j 4 differs from -j 1 ($fmt)"; fi
done

# ---- --run ----
expect "run regex by id" "1 passed, 0 failed" \
	"$("$bin" test --run '^formats-gr' tests/cli $GREEN 2>/dev/null | tail -n 1)"
expect "run regex by path" "1 passed, 1 failed" \
	"$("$bin" test --run 'fixtures/pass|mismatch' tests/cli 2>/dev/null | tail -n 1)"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
