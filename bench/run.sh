#!/bin/sh
# bench/run.sh: `make bench`, every figure of the performance issue in one
# paired run on one corpus: the jansson floor, a Lua 5.4 + lua-cjson decode
# of the same files, `run --format json` and `text`, `run -j 1` against
# `-j 2`, the evaluation-only figure of bench/eval.c (public API, cases
# loaded once), start-up on one small fixture, and the scaling tables
# (events per case, matters per case). Then each goal and whether it is met.
# It reports; it is not a test: exit 0 whether or not goals are met (exit 1
# only when the bench itself cannot run: bad corpus, build error).
#
# Usage: sh bench/run.sh [CASECHECK]       (default build/casecheck; its
#        directory must hold libcasecheck.a, which bench/eval.c links)
# Knobs (environment), with their defaults:
#   BENCH_N=2000            cases in the corpus
#   BENCH_RUNS=3            rounds of the paired run (and passes of eval)
#   BENCH_PIN=0             CPU for taskset (empty: no pinning); -j runs are never pinned
#   BENCH_STARTUP_RUNS=20   rounds of the start-up pair
#   BENCH_STARTUP_FIXTURE=fixtures/steps/assess.route_decided.basic.json
#   BENCH_EVENTS="25 250 2500 25000 100000"   rows of the events table
#   BENCH_MATTERS="1 10 100 1000 10000"       rows of the matters table
#   BENCH_SCALE=1           0: skip both scaling tables
#   BENCH_SLOW=60           s: no further round after a round this slow
#   CC, PKG_CONFIG, PYTHON, LUA (lua5.4)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

CLI=${1:-build/casecheck}
N=${BENCH_N:-2000}
RUNS=${BENCH_RUNS:-3}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
PY=${PYTHON:-python3}
LUA=${LUA:-lua5.4}
PIN=${BENCH_PIN-0}
SRUNS=${BENCH_STARTUP_RUNS:-20}
SFIX=${BENCH_STARTUP_FIXTURE:-fixtures/steps/assess.route_decided.basic.json}
EVENTS=${BENCH_EVENTS:-25 250 2500 25000 100000}
MATTERS=${BENCH_MATTERS:-1 10 100 1000 10000}
SCALE=${BENCH_SCALE:-1}
POLICY=policies/england-wales/conduct.lua
export BENCH_SLOW="${BENCH_SLOW:-60}"

gen=bench/gen
cases=$gen/cases
out=$(dirname "$CLI")/bench
lib=$(dirname "$CLI")/libcasecheck.a
mkdir -p "$out"

[ -x "$CLI" ] || { echo "bench: $CLI not built (run make)" >&2; exit 1; }
[ -f "$lib" ] || { echo "bench: $lib not built (run make bench)" >&2; exit 1; }
command -v taskset > /dev/null 2>&1 || PIN=""
pin=${PIN:--}
tpin=""
[ -n "$PIN" ] && tpin="taskset -c $PIN"

# 1. The corpus: regenerated when missing, or when N or the generator changed.
want="n=$N gen=$(cksum < bench/gen_cases.py | cut -d' ' -f1)"
have=$(cat "$gen/STAMP" 2>/dev/null || true)
if [ "$want" != "$have" ] || [ ! -f "$cases/MANIFEST" ]; then
	rm -f "$gen/STAMP"
	"$PY" bench/gen_cases.py "$N" "$cases"
	# Every case must be a valid fixture, or the figures mean nothing.
	if ! "$CLI" check "$cases" > "$out/check.txt" 2>&1; then
		echo "bench: the generated corpus does not validate (bench/gen_cases.py is wrong):" >&2
		grep -v '^[0-9]* files checked' "$out/check.txt" | head -20 >&2
		exit 1
	fi
	echo "$want" > "$gen/STAMP"
fi
sed "s|^|$cases/|" "$cases/MANIFEST" > "$out/list.txt"

# 2. The floor, the launcher that reads peak RSS (bench/peak.c says why not
#    Python's rusage) and the evaluation harness, built against this build.
floor=$out/floor
peak=$out/peak
eval=$out/eval
if [ ! -x "$floor" ] || [ bench/floor.c -nt "$floor" ]; then
	# shellcheck disable=SC2046
	$CC -O2 -std=c99 bench/floor.c $($PKG_CONFIG --cflags --libs jansson) -o "$floor"
fi
if [ ! -x "$peak" ] || [ bench/peak.c -nt "$peak" ]; then
	$CC -O2 -std=c99 bench/peak.c -o "$peak"
fi
if [ ! -x "$eval" ] || [ bench/eval.c -nt "$eval" ] || [ "$lib" -nt "$eval" ]; then
	# shellcheck disable=SC2046
	$CC -O2 -std=c99 bench/eval.c -Iengine "$lib" \
		$($PKG_CONFIG --libs lua5.4 jansson) -lm -pthread -o "$eval"
fi
have_cjson=0
"$LUA" -e 'require("cjson")' > /dev/null 2>&1 && have_cjson=1

# 3. The paired run: every command once a round, RUNS rounds.
echo "bench: $N cases in $cases; $RUNS paired rounds${tpin:+, single-core rows under $tpin}"
tab=$(printf '\t')
spec=$out/spec.txt
{
	echo "floor${tab}0${tab}$pin${tab}$floor${tab}$cases"
	[ $have_cjson -eq 1 ] && echo "cjson${tab}0${tab}$pin${tab}$LUA${tab}bench/cjson_floor.lua${tab}$out/list.txt"
	# -j 1: these rows are pinned to one CPU (run's default is a worker per core)
	for f in json text; do
		echo "$f${tab}0,1${tab}$pin${tab}$CLI${tab}run${tab}-j${tab}1${tab}--format${tab}$f${tab}-o${tab}/dev/null${tab}$cases"
	done
	# -j: unpinned, so that two workers can use two CPUs
	for j in 1 2; do
		echo "json_j$j${tab}0,1${tab}-${tab}$CLI${tab}run${tab}-j${tab}$j${tab}--format${tab}json${tab}-o${tab}/dev/null${tab}$cases"
	done
} > "$spec"
res=$out/results.txt
BENCH_RATIO_TO=floor,json_j2 "$PY" bench/paired.py "$RUNS" "$peak" "$spec" > "$res"

# 4. Start-up: one small fixture, against the floor reading the same file.
{
	echo "start_floor${tab}0${tab}$pin${tab}$floor${tab}$SFIX"
	echo "start_run${tab}0,1${tab}$pin${tab}$CLI${tab}run${tab}-o${tab}/dev/null${tab}$SFIX"
} > "$out/spec-start.txt"
BENCH_RATIO_TO=start_floor "$PY" bench/paired.py "$SRUNS" "$peak" "$out/spec-start.txt" >> "$res"

# 5. Evaluation only (bench/eval.c): cases loaded once, evaluation timed.
echo "eval $($tpin "$eval" -r "$RUNS" "$POLICY" "$cases" 2> "$out/eval.err" || echo failed)" >> "$res"

# 6. Scaling: one case per row, generated once into bench/gen/scale/.
#    Each row: bench/eval.c at the default budgets (and again with budgets
#    raised when they were broken, to show the cost anyway), and the peak
#    RSS of `casecheck run --format json` on the file.
scale=$out/scale.txt
: > "$scale"
if [ "$SCALE" != 0 ]; then
	sdir=$gen/scale
	swant="gen=$(cat bench/gen_cases.py bench/gen_scale.py | cksum | cut -d' ' -f1)"
	if [ "$(cat "$sdir/STAMP" 2>/dev/null || true)" != "$swant" ]; then
		rm -rf "$sdir"
		mkdir -p "$sdir"
		echo "$swant" > "$sdir/STAMP"
	fi
	for kind in events matters; do
		if [ $kind = events ]; then rows=$EVENTS; else rows=$MATTERS; fi
		for k in $rows; do
			f=$sdir/$kind-$k.json
			if [ ! -f "$f" ]; then
				echo "bench: generating $f" >&2
				(cd bench && "$PY" gen_scale.py "$kind" "$k" "../$f") > /dev/null
			fi
			reps=3
			[ "$k" -ge 10000 ] && reps=1
			line=$($tpin "$eval" -r $reps "$POLICY" "$f" 2> "$out/scale.err" || true)
			why=$(head -1 "$out/scale.err" | sed 's/^eval: [^:]*: //' | tr ' \t' '__' | cut -c1-160)
			raised=""
			case $line in
			*"failed 0 "*) ;;
			*)
				raised=$($tpin "$eval" -r 1 -i 100000000000 -m 8192 -s 60 "$POLICY" "$f" 2> /dev/null || true)
				;;
			esac
			rss=$("$peak" $tpin "$CLI" run --format json -o /dev/null --max-fixture-size 1024 \
				--max-memory 8192 --max-instructions 100000000000 --max-seconds 60 "$f" 2>&1 > /dev/null |
				sed -n 's/^peak: maxrss_kb=\([0-9]*\).*/\1/p')
			echo "$kind $k | $line | why ${why:-none} | raised ${raised:-none} | rss_kb ${rss:-0}" >> "$scale"
		done
	done
fi

# 7. The tables and the goals.
"$PY" bench/report.py "$res" "$scale" "$gen/SIZES" "$CLI" "$have_cjson"
exit 0
