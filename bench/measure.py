#!/usr/bin/env python3
"""Time a command for `make bench`: best-of-N wall clock and peak RSS.

Usage: measure.py RUNS LABEL OKCODES PEAK -- COMMAND [ARGS...]

Runs COMMAND RUNS times, each under PEAK (build/bench/peak, from
bench/peak.c) and, when taskset exists, pinned to CPU $BENCH_PIN (default
0; empty: not pinned). Prints one line:

    LABEL best_s=... median_s=... runs=N maxrss_kb=... rc=... stdout=...

Wall time is measured here (time.perf_counter around the whole child); the
launcher adds about a millisecond. Peak RSS is what PEAK reports for the
command (ru_maxrss of that process, KiB), the largest over the runs. It is
not taken from Python's own rusage, because Linux carries a process's RSS
high-water mark across execve: a child forked from Python would report
Python's ~10 MB. OKCODES is a comma list of exit codes that count as success
(casecheck run exits 1 when a finding fails, normal on this corpus); another
code marks the line FAILED. If one run takes longer than $BENCH_SLOW
seconds (default 40) the remaining runs are skipped, to bound the bench.
"""
import os
import re
import shutil
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 6 or argv[5] != "--":
        sys.stderr.write(__doc__)
        return 2
    runs, label, peak = int(argv[1]), argv[2], argv[4]
    ok = {int(x) for x in argv[3].split(",") if x}
    cmd = argv[6:]
    pin = os.environ.get("BENCH_PIN", "0")
    if pin and shutil.which("taskset"):
        cmd = ["taskset", "-c", pin] + cmd
    cmd = [peak] + cmd
    slow = float(os.environ.get("BENCH_SLOW", "40"))
    times, maxrss, codes, first_out = [], 0, [], ""
    for i in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        t1 = time.perf_counter()
        times.append(t1 - t0)
        err = p.stderr.decode("utf-8", "replace")
        m = re.search(r"^peak: maxrss_kb=(\d+) rc=(-?\d+)$", err, re.M)
        if m:
            maxrss = max(maxrss, int(m.group(1)))
        codes.append(p.returncode)
        if i == 0:
            first_out = p.stdout.decode("utf-8", "replace").strip()
            other = [l for l in err.splitlines() if not l.startswith("peak: ")]
            if p.returncode not in ok and other:
                sys.stderr.write("%s: %s\n" % (label, "\n".join(other[:10])))
        if t1 - t0 > slow:
            break
    times_sorted = sorted(times)
    bad = [c for c in codes if c not in ok]
    lines = first_out.splitlines()
    print("%s best_s=%.4f median_s=%.4f runs=%d maxrss_kb=%d rc=%d stdout=%s%s" % (
        label, min(times), times_sorted[len(times_sorted) // 2], len(times), maxrss,
        (bad or codes)[0], (lines[0] if lines else "").replace(" ", "_"),
        " FAILED" if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
