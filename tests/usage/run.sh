#!/bin/sh
# run.sh: the command line as a person meets it: --version and -V, a
# did-you-mean for top-level options and verbs, '-' for a fixture on
# standard input, the text report wrapped to COLUMNS (80 by default) with
# indented continuation lines, and no colour with NO_COLOR or TERM=dumb
# (checked on a pseudo-terminal when util-linux's script is there).
#
# usage: sh tests/usage/run.sh path/to/casecheck
# Prints "usage: N passed, M failed"; exits 1 when any check failed.
set -u
bin=$1
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2
CASECHECK_PATH=tests/cli/policies
export CASECHECK_PATH
unset COLUMNS NO_COLOR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/usage.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
# expect NAME WANT GOT
expect() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi; }

version=$(sed -n 's/^#define CASECHECK_VERSION_STRING "\(.*\)"$/\1/p' engine/casecheck.h)
expect "--version" "casecheck $version (Lua 5.4)" "$("$bin" --version)"
expect "-V" "casecheck $version (Lua 5.4)" "$("$bin" -V)"
expect "policy did-you-mean" 1 \
	"$("$bin" run --policy england-wale/conduct fixtures/carrick/carrick-2002.json 2>&1 |
		grep -c "^casecheck run: policy 'england-wale/conduct' not found in .* (did you mean 'england-wales/conduct'?)\$")"
expect "option did-you-mean" "casecheck: unknown option '--verison'; did you mean '--version'?" \
	"$("$bin" --verison 2>&1 | head -n 1)"
"$bin" --verison 2>/dev/null
expect "option exit" 2 $?
expect "verb did-you-mean" "casecheck: unknown command 'rnu'; did you mean 'run'?" \
	"$("$bin" rnu 2>&1 | head -n 1)"
# the library's did-you-mean (suggest.c), as fixtures and policies get it:
# case folded, and a prefix of three letters or more counts as close
expect "verb did-you-mean, case" "casecheck: unknown command 'RUN'; did you mean 'run'?" \
	"$("$bin" RUN 2>&1 | head -n 1)"
expect "verb did-you-mean, prefix" "casecheck: unknown command 'expl'; did you mean 'explain'?" \
	"$("$bin" expl 2>&1 | head -n 1)"
expect "option before verb" \
	"casecheck: unknown option '--format'; options come after the verb ('casecheck VERB --help')" \
	"$("$bin" --format json 2>&1 | head -n 1)"

# '-': the fixture on standard input, named '-' in the report
"$bin" run --format json - <tests/cli/fixtures/pass-fail.json >"$tmp/stdin.json"
expect "stdin exit" 1 $?
"$bin" run --format json tests/cli/fixtures/pass-fail.json >"$tmp/file.json"
expect "stdin findings = file findings" "$(grep -c '"status"' "$tmp/file.json")" "$(grep -c '"status"' "$tmp/stdin.json")"
expect "stdin named /dev/stdin in JSON" 1 "$(grep -c '"file": "/dev/stdin"' "$tmp/stdin.json")"
expect "stdin twice" "casecheck: '-' (standard input) given twice: it can be read only once" \
	"$("$bin" run - - </dev/null 2>&1 | head -n 1)"
expect "stdin --update" "casecheck test: --update cannot rewrite standard input ('-'): give the file" \
	"$("$bin" test --update - </dev/null 2>&1 | head -n 1)"

# wrapping: 80 columns by default, COLUMNS when set; continuation lines indented
"$bin" run tests/cli/fixtures >"$tmp/80.txt"
expect "80 columns" 0 "$(awk 'length > 80' "$tmp/80.txt" | wc -l)"
COLUMNS=50 "$bin" run tests/cli/fixtures >"$tmp/50.txt"
expect "COLUMNS=50" 0 "$(awk 'length > 50' "$tmp/50.txt" | wc -l)"
expect "COLUMNS=50 message under the step" \
	"    PASS     record.conduct_matter
             The duty arose on 1 May 2019 and it
             was done on 3 May 2019, by 16 May
             2019: within the 10-working-day
             benchmark (the law sets no time
             limit).
             [duty: statutory; time limit:
             benchmark] due 2019-05-16, done
             2019-05-03
             PRA 2002 Sch 3 para 11" "$(sed -n '/PASS/,/para 11/p' "$tmp/50.txt")"
COLUMNS=200 "$bin" run tests/cli/fixtures >"$tmp/200.txt"
expect "COLUMNS=200 one line per message" 1 \
	"$(grep -c '^    PASS     record.conduct_matter  The duty arose on 1 May 2019 and it was done on 3 May 2019, by 16 May 2019: within the 10-working-day benchmark (the law sets no time limit)\.$' "$tmp/200.txt")"

# colour: on a terminal by default, not with NO_COLOR, not with TERM=dumb
if command -v script >/dev/null 2>&1; then
	esc=$(printf '\033')
	TERM=xterm script -qec "'$bin' run tests/cli/fixtures" /dev/null >"$tmp/tty.txt" 2>&1
	expect "colour on a terminal" 1 "$(grep -c "${esc}\[31mFAIL" "$tmp/tty.txt" | sed 's/^[1-9][0-9]*$/1/')"
	NO_COLOR=1 TERM=xterm script -qec "'$bin' run tests/cli/fixtures" /dev/null >"$tmp/tty.txt" 2>&1
	expect "NO_COLOR" 0 "$(grep -c "$esc" "$tmp/tty.txt")"
	TERM=dumb script -qec "'$bin' run tests/cli/fixtures" /dev/null >"$tmp/tty.txt" 2>&1
	expect "TERM=dumb" 0 "$(grep -c "$esc" "$tmp/tty.txt")"
fi

# the man page: up to date, each verb's section the same text as 'casecheck help VERB',
# and every option of each verb's --help in it
sh tools/man.sh "$bin" >"$tmp/casecheck.1"
if cmp -s "$tmp/casecheck.1" docs/casecheck.1; then ok; else
	bad "docs/casecheck.1 is out of date: make docs"; fi
# the text of the page with roff's escapes undone
sed -e 's/\\-/-/g' -e 's/^\\&//' -e 's/\\e/\\/g' docs/casecheck.1 >"$tmp/man.txt"
for verb in run test check explain steps exercise; do
	sed -n "/^\.SS $verb\$/,/^\.fi\$/p" "$tmp/man.txt" | sed -e '1,2d' -e '$d' >"$tmp/man-$verb"
	"$bin" help "$verb" >"$tmp/help-$verb"
	if cmp -s "$tmp/man-$verb" "$tmp/help-$verb"; then ok; else
		bad "man section '$verb' differs from 'casecheck help $verb'"; fi
	for flag in $(grep -o -e '--[a-z][a-z-]*' -e '\(^\| \)-[a-zA-Z]\b' "$tmp/help-$verb" | tr -d ' ' | sort -u); do
		if grep -q -e "$flag" "$tmp/man.txt"; then ok; else bad "man page lacks $verb's $flag"; fi
	done
done
if command -v man >/dev/null 2>&1; then
	if man -l docs/casecheck.1 >/dev/null 2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ]; then ok; else
		bad "man -l docs/casecheck.1: $(head -n 3 "$tmp/man.err")"; fi
fi

# bash completion: verbs, then the verb's options from its --help
if command -v bash >/dev/null 2>&1; then
	got=$(PATH="$(dirname "$bin"):$PATH" bash -c '
		. tools/completion/casecheck.bash
		COMP_WORDS=(casecheck ex); COMP_CWORD=1; _casecheck; echo "${COMPREPLY[*]}"
		COMP_WORDS=(casecheck run --for); COMP_CWORD=2; _casecheck; echo "${COMPREPLY[*]}"
		COMP_WORDS=(casecheck run --format ""); COMP_CWORD=3; _casecheck; echo "${COMPREPLY[*]}"
		COMP_WORDS=(casecheck help s); COMP_CWORD=2; _casecheck; echo "${COMPREPLY[*]}"' 2>&1)
	expect "completion" "explain exercise
--format
text json junit tap html
steps" "$got"
fi

# run -j: the same report bytes and exit code as -j 1 in every format, over
# good, failing and bad fixtures under two policies (England and Wales,
# Scotland), and with --policy given
for fmt in text json junit tap html; do
	"$bin" run --format "$fmt" -o "$tmp/j1.$fmt" fixtures tests/cli/fixtures tests/bad-fixtures 2>"$tmp/j1.err"
	rc1=$?
	"$bin" run -j 2 --format "$fmt" -o "$tmp/j2.$fmt" fixtures tests/cli/fixtures tests/bad-fixtures 2>"$tmp/j2.err"
	rc2=$?
	expect "run -j 2 $fmt exit" "$rc1" "$rc2"
	if cmp -s "$tmp/j1.$fmt" "$tmp/j2.$fmt" && [ -s "$tmp/j1.$fmt" ]; then ok; else bad "run -j 2 --format $fmt: not the bytes of -j 1"; fi
done
"$bin" run --format json --policy england-wales/conduct fixtures/carrick >"$tmp/p1.json" 2>/dev/null
"$bin" run --format json --policy england-wales/conduct --jobs 3 fixtures/carrick >"$tmp/p3.json" 2>/dev/null
if cmp -s "$tmp/p1.json" "$tmp/p3.json" && [ -s "$tmp/p1.json" ]; then ok; else bad "run --jobs 3 --policy: not the bytes of -j 1"; fi
# run -j: stderr too is the bytes of -j 1, in input order: each fixture's
# problems are printed when it is reported, and a policy that fails to load
# is reported once, at its first fixture, though every worker meets it.
# Fixtures under a policy with a syntax error, one with a lint error, one
# not found, a good one and England and Wales; bad fixtures between them.
mkdir "$tmp/mixed"
mixed() { # NAME POLICY: pass-fail.json as case NAME under POLICY
	sed -e "s#\"policy\": \"cli/tiny\"#\"policy\": \"$2\"#" -e "s#\"id\": \"cli-pass-fail\"#\"id\": \"$1\"#" \
		tests/cli/fixtures/pass-fail.json >"$tmp/mixed/$1.json"
}
mixed m01 cli/tiny
mixed m02 cli/broken
cp tests/bad-fixtures/three-faults.json "$tmp/mixed/m03.json"
mixed m04 cli/broken
mixed m05 cli/typo
mixed m06 cli/tiny
mixed m07 cli/typo
mixed m08 cli/broken
mixed m09 cli/nosuch
cp tests/bad-fixtures/syntax.json "$tmp/mixed/m10.json"
mixed m11 cli/broken
mixed m12 cli/typo
# ARGS... : the report, stderr and exit of run -j 1, into $tmp/jobs-1.{out,err,rc}
# then the same for -j 2, -j 3 and no -j, each compared with -j 1
jobs_same() {
	label=$1
	shift
	"$bin" run -j 1 "$@" >"$tmp/jobs-1.out" 2>"$tmp/jobs-1.err"
	echo $? >"$tmp/jobs-1.rc"
	for j in 2 3 default; do
		if [ $j = default ]; then
			"$bin" run "$@" >"$tmp/jobs-$j.out" 2>"$tmp/jobs-$j.err"
		else
			"$bin" run -j $j "$@" >"$tmp/jobs-$j.out" 2>"$tmp/jobs-$j.err"
		fi
		echo $? >"$tmp/jobs-$j.rc"
		for f in out err rc; do
			if cmp -s "$tmp/jobs-1.$f" "$tmp/jobs-$j.$f"; then ok; else
				bad "run -j $j $label: std$f not the bytes of -j 1"; fi
		done
	done
}
for fmt in text json junit tap html; do
	jobs_same "--format $fmt, mixed policies" --format "$fmt" "$tmp/mixed" fixtures/carrick tests/bad-fixtures
done
jobs_same "--param, mixed policies" --param no_such_param=1 "$tmp/mixed" fixtures/carrick
jobs_same "--policy broken" --policy cli/broken "$tmp/mixed"
expect "run -j 1 mixed: each policy's error once, in input order" \
"policies/cli/broken.lua:6: unexpected symbol near <eof>
$tmp/mixed/m03.json: /events/0/date: invalid date '2019-13-01': month must be 01 to 12
policies/cli/typo.lua:9: step 'record.conduct_matter' names unknown event type 'conduct_recordd' (did you mean 'conduct_recorded'?)
$tmp/mixed/m09.json: /policy: policy 'cli/nosuch' not found" \
	"$("$bin" run -j 2 "$tmp/mixed" 2>&1 >/dev/null | grep -e '^policies/' -e 'm03.json: /events/0' -e 'm09' | sed 's/ not found in .*/ not found/')"
# stdout and stderr into one pipe: the same interleaving as -j 1
"$bin" run -j 1 "$tmp/mixed" fixtures/carrick >"$tmp/both-1" 2>&1
"$bin" run -j 2 "$tmp/mixed" fixtures/carrick >"$tmp/both-2" 2>&1
if cmp -s "$tmp/both-1" "$tmp/both-2"; then ok; else bad "run -j 2 2>&1: not the bytes of -j 1"; fi
expect "run -j 0" "casecheck run: bad -j '0': expected a number from 1 to 256" \
	"$("$bin" run -j 0 fixtures 2>&1 | head -n 1)"

echo "usage: $pass passed, $fail failed"
[ $fail -eq 0 ]
