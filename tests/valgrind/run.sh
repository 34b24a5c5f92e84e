#!/bin/sh
# tests/valgrind/run.sh: the Check suites and a sample of CLI runs under
# valgrind's memcheck, which must be clean: no invalid access, no use of
# uninitialised memory, no definite or possible leak.
#
#   sh tests/valgrind/run.sh BUILD_DIR      (make check-valgrind)
#
# BUILD_DIR holds a build without sanitizers (ASan and valgrind do not mix).
# The suites run in one process (CK_FORK=no, as fast as it gets under
# valgrind) except the test cases tagged "timing": adversarial policies that
# burn their instruction budgets on purpose, which take minutes under
# valgrind; they run (without valgrind, and under ASan) in every other stage. The CLI runs cover every verb and
# report format on real fixtures and policies, and the error paths (a bad
# fixture, a policy over its budget). Closes with "N passed, M failed".
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/valgrind/run.sh BUILD_DIR" >&2
	exit 2
fi
build=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: not installed (make deps installs it)" >&2
	exit 2
fi
bin=$build/casecheck
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# 99 is not an exit status casecheck uses, so a memcheck error is told apart.
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,possible"
passed=0 failed=0

# WANT ARGS...: run ARGS under valgrind; the exit status must be WANT.
vgrun() {
	want=$1
	shift
	$vg "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL (exit $rc, want $want): $*"
		grep '^==' "$tmp/err" | head -40
		[ "$rc" -eq 99 ] || tail -5 "$tmp/err"
	fi
}

CK_FORK=no CK_EXCLUDE_TAGS=timing CASECHECK_ROOT=$root CASECHECK_BIN=$bin \
	vgrun 0 "$build/tests/check_engine"

vgrun 0 "$bin" check policies/england-wales/conduct.lua fixtures
vgrun 2 "$bin" check tests/bad-fixtures
vgrun 0 "$bin" test fixtures
vgrun 1 "$bin" run fixtures/carrick
vgrun 1 "$bin" run --format json fixtures/carrick
vgrun 1 "$bin" run --format junit fixtures/carrick
vgrun 1 "$bin" run --format tap fixtures/carrick
vgrun 1 "$bin" run --format html -o "$tmp/report.html" fixtures/carrick
vgrun 0 "$bin" run --as-of 2012-06-01 fixtures/steps/vetting.renewal_on_time.late.json
vgrun 0 "$bin" explain fixtures/steps/vetting.renewal_on_time.late.json --step vetting.renewal_on_time
vgrun 0 "$bin" steps england-wales/conduct --format markdown
vgrun 3 "$bin" run --policy tests/policies/loop.lua fixtures/steps/vetting.renewal_on_time.late.json
vgrun 3 "$bin" run --policy tests/policies/memory_table.lua fixtures/steps/vetting.renewal_on_time.late.json
CASECHECK_PATH=examples/policies vgrun 0 "$bin" test examples/fixtures

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
