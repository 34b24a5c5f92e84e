#!/usr/bin/env python3
"""The one-case files of `make bench`'s scaling tables.

Usage: gen_scale.py events|matters N OUT.json

events N: the corpus generator's case 1 (bench/gen_cases.py, same seed),
filled with routine events (victim updates, checks, progress reports) up to
N events. matters N: a case with N allegations, from 2005 on, each handled
as the corpus's are; its history checks list at most the 50 earlier matters
before them, so the file grows linearly, and the history and pattern steps
find the rest missed, which is the listing work the issue's goal is about.
Prints "events E matters M bytes B".
"""
import json
import random
import sys

import gen_cases


def main(argv):
    if len(argv) != 4 or argv[1] not in ("events", "matters"):
        sys.stderr.write(__doc__)
        return 2
    kind, n, out = argv[1], int(argv[2]), argv[3]
    scale = {"events": n} if kind == "events" else {"matters": n, "window": 50}
    case = gen_cases.gen_case(random.Random(gen_cases.SEED), 1, scale)
    case["id"] = "scale-%s-%d" % (kind, n)
    text = json.dumps(case, indent=2, ensure_ascii=False) + "\n"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    n_matters = sum(1 for e in case["events"] if e["type"] == "allegation_received")
    print("events %d matters %d bytes %d" % (len(case["events"]), n_matters,
                                             len(text.encode("utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
