#!/bin/sh
# run.sh: golden tests of the casecheck command line. Each tests/golden/NAME.cmd
# holds the arguments of one command (one line, shell words); its stdout,
# stderr and exit code are compared with tests/golden/NAME.out. Only the
# absolute repository path is normalised (to <ROOT>).
#
# usage: sh tests/golden/run.sh path/to/casecheck [--update] [NAME...]
# --update rewrites the .out files from the current output (review the diff).
set -u

if [ $# -lt 1 ]; then
	echo "usage: sh tests/golden/run.sh path/to/casecheck [--update] [NAME...]" >&2
	exit 2
fi
bin=$1
shift
update=0
if [ "${1:-}" = "--update" ]; then
	update=1
	shift
fi

root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
if [ ! -x "$bin" ]; then
	echo "run.sh: '$bin' is not an executable" >&2
	exit 2
fi
cd "$root" || exit 2

# The same environment everywhere: no colour, 80 columns, the test policies on the path.
NO_COLOR=1
CASECHECK_PATH=tests/cli/policies
export NO_COLOR CASECHECK_PATH
unset COLUMNS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# sed-escape the root for use in a pattern
root_re=$(printf '%s\n' "$root" | sed 's/[][\.*^$/]/\\&/g')

if [ $# -eq 0 ]; then
	set -- $(cd tests/golden && ls *.cmd 2>/dev/null | sed 's/\.cmd$//')
fi

pass=0
fail=0
for name in "$@"; do
	cmd=tests/golden/$name.cmd
	want=tests/golden/$name.out
	if [ ! -f "$cmd" ]; then
		echo "run.sh: no such case '$name'" >&2
		fail=$((fail + 1))
		continue
	fi
	args=$(grep -v '^#' "$cmd" | head -n 1)
	eval "set -- $args"
	"$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	code=$?
	{
		printf '$ casecheck %s\n' "$args"
		echo '--- stdout'
		cat "$tmp/stdout"
		echo '--- stderr'
		cat "$tmp/stderr"
		echo "--- exit $code"
	} | sed "s/$root_re/<ROOT>/g" >"$tmp/got"
	if [ $update -eq 1 ]; then
		cp "$tmp/got" "$want"
		echo "updated $want"
		pass=$((pass + 1))
	elif [ ! -f "$want" ]; then
		echo "FAIL $name: no $want (run with --update to create it)"
		fail=$((fail + 1))
	elif diff -u "$want" "$tmp/got" >"$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		sed "s|$tmp/got|actual|" "$tmp/diff"
		fail=$((fail + 1))
	fi
done

echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
