#!/usr/bin/env python3
"""Write a case with N allegations against one officer (tests/listing/run.sh).

Allegation aI is received by professional standards on day I (from
1 April 1999, one a calendar day), and its systems check, the next day,
lists only the allegation before it: so the check of aN misses N-2 earlier
matters, and the cumulative assessment of aN (which considers none) misses
N-1. The case is the size that made the listing steps quadratic.
"""
import datetime
import json
import sys

n = int(sys.argv[1])
start = datetime.date(1999, 4, 1)
events = []
for i in range(1, n + 1):
    d = start + datetime.timedelta(days=i - 1)
    aid = "a%d" % i
    events.append({"id": aid, "date": d.isoformat(), "type": "allegation_received",
                   "by": "F1-PSD", "categories": ["assault"], "on_duty": False})
    events.append({"id": aid + "-systems-checked", "date": (d + datetime.timedelta(days=1)).isoformat(),
                   "type": "systems_checked", "by": "F1-PSD", "re": aid,
                   "found": ["a%d" % (i - 1)] if i > 1 else [], "systems": ["PNC"]})
    if i > 2:
        events.append({"id": aid + "-cumulative", "date": (d + datetime.timedelta(days=1)).isoformat(),
                       "type": "cumulative_assessment", "by": "F1-PSD", "re": aid, "considered": []})
events.sort(key=lambda e: e["date"])
case = {
    "format": "casecheck/case@1",
    "id": "listing-%d-matters" % n,
    "title": "%d allegations, each check listing only the one before" % n,
    "sources": ["Synthetic: tests/listing/gen_matters.py"],
    "policy": "england-wales/conduct",
    "as_of": (start + datetime.timedelta(days=n + 60)).isoformat(),
    "subject": {"name": "Officer A", "rank": "PC", "force": "F1", "joined": "1995"},
    "parties": {
        "F1": {"kind": "force", "name": "Force One"},
        "F1-PSD": {"kind": "psd", "of": "F1", "name": "Force One Professional Standards Department"},
    },
    "events": events,
}
json.dump(case, sys.stdout, indent=1)
sys.stdout.write("\n")
