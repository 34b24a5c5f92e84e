#!/usr/bin/env python3
"""Time a command for `make bench`: best-of-N wall clock and peak RSS.

Usage: measure.py RUNS LABEL OKCODES -- COMMAND [ARGS...]

Runs COMMAND RUNS times (stdout to /dev/null unless the command writes its
own output), each in its own child, and prints one line:

    LABEL best_s=... median_s=... runs=N maxrss_kb=... rc=... stdout=...

Peak RSS is the child's own ru_maxrss from os.wait4 (Linux: KiB), the
largest over the runs; it covers the whole process, start-up included.
OKCODES is a comma list of exit codes that count as success (casecheck run
exits 1 when a finding fails, which is normal on this corpus); any other
exit code is reported as rc=... and the line is marked FAILED.
If the first run takes longer than $BENCH_SLOW seconds (default 40) the
remaining runs are skipped, to keep the whole bench bounded.
"""
import os
import shutil
import sys
import time


def main(argv):
    if len(argv) < 5 or argv[4] != "--":
        sys.stderr.write(__doc__)
        return 2
    runs, label = int(argv[1]), argv[2]
    ok = {int(x) for x in argv[3].split(",") if x}
    cmd = argv[5:]
    if shutil.which("taskset") and os.environ.get("BENCH_PIN", "0") != "":
        cmd = ["taskset", "-c", os.environ.get("BENCH_PIN", "0")] + cmd
    slow = float(os.environ.get("BENCH_SLOW", "40"))
    times, maxrss, codes, first_out = [], 0, [], b""
    for i in range(runs):
        rfd, wfd = os.pipe()
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(rfd)
                os.dup2(wfd, 1)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                os.execvp(cmd[0], cmd)
            finally:
                os._exit(127)
        os.close(wfd)
        out = b""
        while True:
            chunk = os.read(rfd, 65536)
            if not chunk:
                break
            if len(out) < 4096:
                out += chunk
        os.close(rfd)
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter()
        times.append(t1 - t0)
        maxrss = max(maxrss, ru.ru_maxrss)
        codes.append(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode")
                     else (status >> 8))
        if i == 0:
            first_out = out
        if t1 - t0 > slow:
            break
    times_sorted = sorted(times)
    median = times_sorted[len(times_sorted) // 2]
    bad = [c for c in codes if c not in ok]
    line = first_out.decode("utf-8", "replace").strip().splitlines()
    print("%s best_s=%.4f median_s=%.4f runs=%d maxrss_kb=%d rc=%d stdout=%s%s" % (
        label, min(times), median, len(times), maxrss, (bad or codes)[0],
        (line[0] if line else "").replace(" ", "_"), " FAILED" if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
