#!/usr/bin/env python3
"""Paired timing for `make bench`: several commands, run in rounds.

Usage: paired.py ROUNDS PEAK SPECFILE

SPECFILE has one command a line, tab-separated: LABEL, OKCODES (comma
list of exit codes that count as success), PIN (a CPU for taskset, or "-"
for none), then the command and its arguments. Each round runs every
command once, in the file's order, so that the machine's drift (other
guests, other builds) falls on all of them alike; ratios are taken within
a round and their median is reported, which is steadier on a shared
machine than a ratio of two bests.

Each command runs under PEAK (bench/peak.c, which reports ru_maxrss; see
bench/README.md for why not Python's rusage). Prints one line a command:

    LABEL best_s=... median_s=... cpu_s=... runs=N maxrss_kb=... rc=... stdout=... r_X=... rcpu_X=...

cpu_s is the median user + system CPU time (from PEAK). r_X is the median
over rounds of this command's wall time over X's, rcpu_X the same for CPU
time (steadier than wall time when other work shares the CPUs), for
every X named in $BENCH_RATIO_TO (comma list, default "floor"). FAILED
ends the line when an exit code was not in OKCODES. If a round takes longer
than $BENCH_SLOW seconds (default 60), no further round starts.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time


def run_once(peak, argv):
    t0 = time.perf_counter()
    p = subprocess.run([peak] + argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    t = time.perf_counter() - t0
    err = p.stderr.decode("utf-8", "replace")
    m = re.search(r"^peak: maxrss_kb=(\d+) rc=(-?\d+) cpu_s=([0-9.]+)$", err, re.M)
    other = [l for l in err.splitlines() if not l.startswith("peak: ")]
    return (t, int(m.group(1)) if m else 0, float(m.group(3)) if m else 0.0, p.returncode,
            p.stdout.decode("utf-8", "replace"), other)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    rounds, peak, spec = int(argv[1]), argv[2], argv[3]
    cmds = []
    for line in open(spec):
        f = line.rstrip("\n").split("\t")
        if len(f) < 4:
            continue
        label, ok, pin, cmd = f[0], {int(x) for x in f[1].split(",") if x}, f[2], f[3:]
        if pin != "-" and shutil.which("taskset"):
            cmd = ["taskset", "-c", pin] + cmd
        cmds.append({"label": label, "ok": ok, "cmd": cmd, "times": [], "cpu": [], "rss": 0,
                     "codes": [], "out": None})
    slow = float(os.environ.get("BENCH_SLOW", "60"))
    for r in range(rounds):
        t_round = time.perf_counter()
        for c in cmds:
            t, rss, cpu, rc, out, err = run_once(peak, c["cmd"])
            c["times"].append(t)
            c["cpu"].append(cpu)
            c["rss"] = max(c["rss"], rss)
            c["codes"].append(rc)
            if c["out"] is None:
                c["out"] = out.strip()
                if rc not in c["ok"] and err:
                    sys.stderr.write("%s: %s\n" % (c["label"], "\n".join(err[:10])))
        if time.perf_counter() - t_round > slow:
            break
    by = {c["label"]: c for c in cmds}
    refs = [x for x in os.environ.get("BENCH_RATIO_TO", "floor").split(",") if x in by]
    for c in cmds:
        bad = [x for x in c["codes"] if x not in c["ok"]]
        lines = (c["out"] or "").splitlines()
        ratios = ""
        for ref in refs:
            for key, tag in (("times", "r_"), ("cpu", "rcpu_")):
                rs = [a / b for a, b in zip(c[key], by[ref][key]) if b > 0]
                ratios += " %s%s=%.4f" % (tag, ref, statistics.median(rs) if rs else 0.0)
        print("%s best_s=%.4f median_s=%.4f cpu_s=%.4f runs=%d maxrss_kb=%d rc=%d stdout=%s%s%s" % (
            c["label"], min(c["times"]), statistics.median(c["times"]),
            statistics.median(c["cpu"]), len(c["times"]),
            c["rss"], (bad or c["codes"])[0], (lines[0] if lines else "").replace(" ", "_"),
            ratios, " FAILED" if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
