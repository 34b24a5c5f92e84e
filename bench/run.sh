#!/bin/sh
# bench/run.sh: `make bench`. Generates the corpus if missing (bench/gen/,
# git-ignored), builds the jansson floor, times the floor and casecheck over
# the corpus on one core, and prints a table with a verdict against the
# issue's first bar: casecheck within 2x the floor, peak RSS under 50 MB.
# It reports; it is not a test: exit 0 whether or not the bars are met
# (exit 1 only when the bench itself cannot run: bad corpus, build error).
#
# Usage: sh bench/run.sh [CASECHECK]       (default build/casecheck)
# Knobs: BENCH_N=10000 cases, BENCH_RUNS=3 (best of), BENCH_PIN=0 (CPU for
#        taskset; empty: no pinning), BENCH_SLOW=40 (s: stop repeating a
#        run this slow), CC, PKG_CONFIG.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

CLI=${1:-build/casecheck}
N=${BENCH_N:-10000}
RUNS=${BENCH_RUNS:-3}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
PY=${PYTHON:-python3}
export BENCH_PIN="${BENCH_PIN-0}" BENCH_SLOW="${BENCH_SLOW:-40}"

gen=bench/gen
cases=$gen/cases
out=$(dirname "$CLI")/bench
mkdir -p "$out"

[ -x "$CLI" ] || { echo "bench: $CLI not built (run make)" >&2; exit 1; }

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

# 2. The floor (jansson parse + walk of the same files) and the launcher
#    that reads peak RSS (bench/peak.c says why not Python's rusage).
floor=$out/floor
peak=$out/peak
if [ ! -x "$floor" ] || [ bench/floor.c -nt "$floor" ]; then
	# shellcheck disable=SC2046
	$CC -O2 -std=c99 bench/floor.c $($PKG_CONFIG --cflags --libs jansson) -o "$floor"
fi
if [ ! -x "$peak" ] || [ bench/peak.c -nt "$peak" ]; then
	$CC -O2 -std=c99 bench/peak.c -o "$peak"
fi

# 3. Timings: best of $RUNS, wall clock, pinned to one CPU.
pin=""
command -v taskset > /dev/null 2>&1 && [ -n "$BENCH_PIN" ] && pin="taskset -c $BENCH_PIN"
echo "bench: $N cases in $cases; best of $RUNS, wall clock${pin:+, $pin}"
res=$out/results.txt
: > "$res"
m() { l=$1 c=$2; shift 2; "$PY" bench/measure.py "$RUNS" "$l" "$c" "$peak" "$@" | tee -a "$res"; }
m floor 0 -- "$floor" "$cases"
m json 0,1 -- "$CLI" run --format json -o /dev/null "$cases"
m text 0,1 -- "$CLI" run --format text -o /dev/null "$cases"
# -j: both unpinned, so that the two workers can use two CPUs
(BENCH_PIN=; export BENCH_PIN
 m json_j1 0,1 -- "$CLI" run -j 1 --format json -o /dev/null "$cases"
 m json_j2 0,1 -- "$CLI" run -j 2 --format json -o /dev/null "$cases")

# 4. The table and the verdict.
"$PY" - "$res" "$gen/SIZES" "$CLI" <<'EOF'
import os, platform, subprocess, sys, time
res, sizes, cli = sys.argv[1:4]
rows = {}
for line in open(res):
    f = line.split()
    kv = dict(x.split("=", 1) for x in f[1:] if "=" in x)
    kv["failed"] = "FAILED" in f
    rows[f[0]] = kv
sz = dict(l.split() for l in open(sizes) if l.strip())
n, nbytes, nev = int(sz["cases"]), int(sz["bytes"]), int(sz["events"])
fl = rows["floor"]
floor_files = fl["stdout"].split("_")
if fl["failed"] or floor_files[1] != str(n):
    sys.exit("bench: the floor did not read %d files: %s" % (n, fl["stdout"]))
steps = "?"
try:
    p = subprocess.run([cli, "steps", "england-wales/conduct"], capture_output=True, text=True)
    for l in p.stdout.splitlines():
        if l.strip().endswith(" steps") and l.split()[0].isdigit():
            steps = l.split()[0]
except OSError:
    pass
model = ""
try:
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            model = l.split(":", 1)[1].strip()
            break
except OSError:
    pass
print()
print("corpus: %d cases, %d events (%.1f a case), %.1f MB (%.0f bytes a case); policy england-wales/conduct"
      % (n, nev, nev / n, nbytes / 1e6, nbytes / n))
print("machine: %d CPUs, %s; %s" % (os.cpu_count(), model or platform.machine(), time.strftime("%Y-%m-%d")))
print()
fs = float(fl["best_s"])
hdr = "%-34s %9s %10s %9s %9s %8s" % ("", "best s", "cases/s", "us/case", "x floor", "peak MB")
print(hdr)
print("-" * len(hdr))
def row(name, r, ratio=True):
    s = float(r["best_s"])
    print("%-34s %9.3f %10.0f %9.1f %9s %8.1f%s" % (
        name, s, n / s, s / n * 1e6, ("%.2f" % (s / fs)) if ratio else "1.00",
        int(r["maxrss_kb"]) / 1024.0, "  (exit %s: ERROR)" % r["rc"] if r["failed"] else ""))
row("floor: jansson parse + walk", fl, False)
row("casecheck run --format json", rows["json"])
row("casecheck run --format text", rows["text"])
row("run --format json -j 1, unpinned", rows["json_j1"])
row("run --format json -j 2, unpinned", rows["json_j2"])
print()
j = float(rows["json_j1"]["best_s"]) / float(rows["json_j2"]["best_s"])
print("run -j 2 against -j 1 (json, unpinned, %d CPUs): %.2fx  (goal >= 1.80 on 2 idle cores)"
      % (os.cpu_count(), j))
bad = [k for k in ("json", "text", "json_j1", "json_j2") if rows[k]["failed"]]
peak = max(int(rows[k]["maxrss_kb"]) for k in ("json", "text")) / 1024.0
verdict_ok = not bad
for k in ("json", "text"):
    ratio = float(rows[k]["best_s"]) / fs
    ok = ratio <= 2.0
    verdict_ok = verdict_ok and ok
    print("bar 1, speed (%s report):  %.2f x floor  (bar <= 2.00)   %s" % (k, ratio, "PASS" if ok else "FAIL"))
for k in ("json", "text"):
    mb = int(rows[k]["maxrss_kb"]) / 1024.0
    ok = mb < 50.0
    verdict_ok = verdict_ok and ok
    print("bar 1, memory (%s report): peak RSS %.1f MB  (bar < 50 MB)   %s" % (k, mb, "PASS" if ok else "FAIL"))
if bad:
    print("casecheck exited with an error (exit 2 or 3) on: %s: the figures are not valid" % ", ".join(bad))
print("verdict: %s  (%s; MB = MiB, whole-process peak RSS; policy of %s steps)"
      % ("PASS" if verdict_ok else "FAIL", cli, steps))
EOF
exit 0
