#!/usr/bin/env python3
"""The tables and goals of `make bench`, from what bench/run.sh measured.

Usage: report.py RESULTS SCALE SIZES CASECHECK HAVE_CJSON

RESULTS: bench/paired.py's lines (floor, cjson, json, text, json_j1,
json_j2, start_floor, start_run) and the "eval ..." line of bench/eval.c.
SCALE: one line a scaling row, "KIND N | EVAL LINE | why W | raised EVAL
LINE | rss_kb R". SIZES: the corpus generator's counts. Ratios are medians
of per-round ratios (bench/paired.py); they are what to read on a shared
machine, not the absolute times.
"""
import os
import platform
import sys
import time

GOAL_EVAL_US = 20.0
GOAL_COLD = 1.25
GOAL_START_MS = 2.0
GOAL_FLAT = 1.25      # per-unit cost of the largest row over the second row's
GOAL_JOBS = 1.80
GOAL_PEAK_X = 4.0     # peak memory over a small case's, per byte of the file
PEAK_MIN_BYTES = 1 << 20  # rows whose file is at least this big are judged on memory


def kv_line(words):
    return dict(w.split("=", 1) for w in words if "=" in w)


def eval_fields(text):
    f = text.split()
    if "cases" not in f:
        return None
    return {f[i]: f[i + 1] for i in range(0, len(f) - 1, 2)}


def main(argv):
    res, scale, sizes, cli, have_cjson = argv[1:6]
    rows, ev = {}, None
    for line in open(res):
        f = line.split()
        if not f:
            continue
        if f[0] == "eval":
            ev = eval_fields(" ".join(f[1:]))
            continue
        kv = kv_line(f[1:])
        kv["failed"] = "FAILED" in f
        rows[f[0]] = kv
    sz = dict(l.split() for l in open(sizes) if l.strip())
    n, nbytes, nev = int(sz["cases"]), int(sz["bytes"]), int(sz["events"])
    fl = rows["floor"]
    if fl["failed"] or fl["stdout"].split("_")[1] != str(n):
        sys.exit("bench: the floor did not read %d files: %s" % (n, fl["stdout"]))
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
    print("machine: %d CPUs, %s; load average %.2f; %s" % (
        os.cpu_count(), model or platform.machine(), os.getloadavg()[0], time.strftime("%Y-%m-%d %H:%M")))
    print("ratios are medians over the paired rounds (%s rounds); times are wall clock of the whole process"
          % fl["runs"])
    print()
    hdr = "%-38s %8s %9s %9s %9s %9s %8s" % ("", "best s", "median s", "us/case", "x floor",
                                            "cpu x fl", "peak MB")
    print(hdr)
    print("-" * len(hdr))

    def row(name, r, ratio=True):
        med = float(r["median_s"])
        print("%-38s %8.3f %9.3f %9.1f %9s %9s %8.1f%s" % (
            name, float(r["best_s"]), med, med / n * 1e6,
            ("%.2f" % float(r["r_floor"])) if ratio else "1.00",
            ("%.2f" % float(r["rcpu_floor"])) if ratio else "1.00",
            int(r["maxrss_kb"]) / 1024.0,
            "  (exit %s: ERROR)" % r["rc"] if r["failed"] else ""))
    row("floor: jansson parse + walk", fl, False)
    if "cjson" in rows:
        row("Lua 5.4 + lua-cjson decode + walk", rows["cjson"])
    else:
        print("%-38s not run: %s" % ("Lua 5.4 + lua-cjson decode + walk",
                                      "lua5.4 or lua-cjson missing (make deps)"))
    row("casecheck run --format json", rows["json"])
    row("casecheck run --format text", rows["text"])
    row("run -j 1 --format json, unpinned", rows["json_j1"])
    row("run -j 2 --format json, unpinned", rows["json_j2"])
    jr = float(rows["json_j1"]["r_json_j2"])
    jc = float(rows["json_j2"]["cpu_s"]) / max(float(rows["json_j1"]["cpu_s"]), 1e-9)
    print()
    print("run -j 2 against -j 1: %.2fx faster (wall, median of paired rounds); -j 2 uses %.2fx the"
          " CPU time of -j 1, so two idle cores could give at most %.2fx" % (jr, jc, 2.0 / jc))
    if ev:
        print("evaluation only (bench/eval.c, public API, %s cases loaded once): %.1f us a case"
              " (loading, not in that figure: %.1f us a case)%s"
              % (ev["cases"], float(ev["eval_us"]), float(ev["load_us"]),
                 "; %s evaluations FAILED" % ev["failed"] if ev["failed"] != "0" else ""))
    else:
        print("evaluation only (bench/eval.c): did not run (see build/bench/eval.err)")
    st, sf = rows["start_run"], rows["start_floor"]
    start_ms = float(st["median_s"]) * 1e3
    print("start-up, one small fixture: casecheck run %.2f ms (best %.2f), the floor on the same file"
          " %.2f ms, %s rounds; both include the launcher's fork and exec"
          % (start_ms, float(st["best_s"]) * 1e3, float(sf["median_s"]) * 1e3, st["runs"]))

    # The scaling tables.
    tables = {"events": [], "matters": []}
    for line in open(scale):
        parts = [p.strip() for p in line.split("|")]
        kind, k = parts[0].split()
        e = eval_fields(parts[1])
        why = parts[2].split(" ", 1)[1].replace("_", " ")
        raised = eval_fields(parts[3].split(" ", 1)[1])
        rss = int(parts[4].split()[1])
        tables[kind].append((int(k), e, why, raised, rss))
    base_rss = None
    for kind in ("events", "matters"):
        if tables[kind]:
            base_rss = tables[kind][0][4] if base_rss is None else base_rss
    verdict_scale = {}
    peak_x = []
    for kind, unit in (("events", "event"), ("matters", "matter")):
        t = tables[kind]
        if not t:
            continue
        print()
        print("per %s: one case, bench/eval.c at the default budgets; peak = `run --format json` RSS;"
              " x file = (peak - the first events row's peak) / file size" % unit)
        h = "%8s %8s %9s %12s %12s %12s %9s %7s  %s" % (
            kind, "events", "file KB", "load us/" + unit[:2], "eval us/" + unit[:2],
            "total us/" + unit[:2], "peak MB", "x file", "status")
        print(h)
        print("-" * len(h))
        per = []
        for k, e, why, raised, rss in t:
            if not e:
                print("%8d  did not load (see build/bench/scale.err)" % k)
                per.append(None)
                continue
            units = int(e["events"]) if kind == "events" else k
            b = int(e["bytes"])
            xf = (rss - base_rss) * 1024.0 / b if base_rss is not None and rss else 0.0
            if b >= PEAK_MIN_BYTES and rss:
                peak_x.append((xf, kind, k))
            ok = e["failed"] == "0"
            src = e if ok else (raised if raised and raised["failed"] == "0" else None)
            if src:
                lu = float(src["load_us"]) / units
                eu = float(src["eval_us"]) / units
                cost = "%12.2f %12.2f %12.2f" % (lu, eu, lu + eu)
                per.append(lu + eu)
            else:
                cost = "%12s %12s %12s" % ("-", "-", "-")
                per.append(None)
            status = "ok" if ok else "FAIL at the default budgets (%s)%s" % (
                why, "; costs shown with budgets raised" if raised and raised["failed"] == "0"
                else "; failed with budgets raised too")
            if not ok and raised and raised["failed"] == "0":
                per[-1] = (per[-1], "raised")
            print("%8d %8s %9.1f %s %9.1f %7.2f  %s" % (
                k, e["events"], b / 1024.0, cost, rss / 1024.0, xf, status))
        verdict_scale[kind] = (t, per)

    # The goals.
    print()
    print("goals (performance issue):")

    def goal(text, figure, ok):
        print("  %-52s %-26s %s" % (text, figure, "MET" if ok else "NOT MET"))
    if ev:
        goal("evaluation of a loaded case <= %.0f us" % GOAL_EVAL_US, "%.1f us" % float(ev["eval_us"]),
             float(ev["eval_us"]) <= GOAL_EVAL_US and ev["failed"] == "0")
    for k in ("json", "text"):
        r = float(rows[k]["r_floor"])
        goal("cold run --format %s <= %.2fx the floor" % (k, GOAL_COLD), "%.2fx" % r,
             r <= GOAL_COLD and not rows[k]["failed"])
    goal("start-up, one small fixture <= %.0f ms" % GOAL_START_MS, "%.2f ms" % start_ms,
         start_ms <= GOAL_START_MS)
    for kind, unit, what in (("events", "event", "flat"), ("matters", "matter", "linear")):
        if kind not in verdict_scale:
            goal("cost per %s %s" % (unit, what), "not measured", False)
            continue
        t, per = verdict_scale[kind]
        fails = [k for (k, e, _, _, _) in t if not e or e["failed"] != "0"]
        vals = [p[0] if isinstance(p, tuple) else p for p in per]
        last = max([i for i, v in enumerate(vals) if v] or [0])
        if len(vals) >= 2 and vals[1] and last > 1:
            r = vals[last] / vals[1]
            fig = "%.2fx (%d vs %d)" % (r, t[last][0], t[1][0])
        else:
            r, fig = None, "not measured"
        goal("cost per %s %s: last row <= %.2fx the second" % (unit, what, GOAL_FLAT),
             fig + (", %d rows FAIL" % len(fails) if fails else ""),
             r is not None and r <= GOAL_FLAT and not fails)
    goal("run -j 2 >= %.1fx -j 1 (2 cores)" % GOAL_JOBS, "%.2fx" % jr, jr >= GOAL_JOBS)
    if peak_x:
        worst = max(peak_x)
        goal("peak memory <= %.0fx the file size (files >= 1 MB)" % GOAL_PEAK_X,
             "%.2fx (%s %d)" % worst, worst[0] <= GOAL_PEAK_X)
    else:
        goal("peak memory <= %.0fx the file size" % GOAL_PEAK_X, "not measured", False)
    bad = [k for k in ("json", "text", "json_j1", "json_j2", "start_run") if rows[k]["failed"]]
    if bad:
        print("casecheck exited with an error (exit 2 or 3) on: %s: those figures are not valid"
              % ", ".join(bad))
    print("(%s; MB = MiB, whole-process peak RSS)" % cli)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
