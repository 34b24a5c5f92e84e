#!/usr/bin/env python3
"""Deterministic generator of casecheck/case@1 fixtures for `make bench`.

Writes N cases (default 10000) as bench/gen/cases/B00001.json ... plus
bench/gen/cases/MANIFEST (the file names, in order) and bench/gen/SIZES.
Every case names policy "england-wales/conduct" and validates under it.

Deterministic: one random.Random(SEED), no clock, no environment; the same
N gives byte-identical files on every machine (Python 3.7+).

Each case is the history of one officer: 1-4 allegations between 2005 and
2023 (all regimes from 2004 on), each followed by a plausible, often
imperfect handling: referral to PSD or home force, recording, IOPC referral,
severity, investigator, notice, suspension, a criminal track (NFA, charge,
plea, conviction, acquittal), pauses, determinations, closure, systems
checks, cumulative assessments, victim contact, vetting, probation, progress
reports, leavers and the College's lists. Timings are drawn so that every
step of the policy sees pass, late, fail, pending, not_applicable and some
unknown (month-precision dates, gaps). Free text in `note` and `source`
brings a case to about 6 KB pretty-printed, like the peers' corpus.

Usage: gen_cases.py [N] [OUTDIR]     (OUTDIR default: bench/gen/cases)
"""
import datetime
import json
import os
import sys

import random

SEED = 20250612
FORMAT = "casecheck/case@1"
POLICY = "england-wales/conduct"

FORCES = [
    ("MPS", "Metropolitan Police Service"),
    ("HERTS", "Hertfordshire Constabulary"),
    ("KENT", "Kent Police"),
    ("TVP", "Thames Valley Police"),
    ("GMP", "Greater Manchester Police"),
    ("WMP", "West Midlands Police"),
    ("SUSSEX", "Sussex Police"),
    ("AVON", "Avon and Somerset Constabulary"),
]
RANKS = ["PC", "PC", "PC", "DC", "PS", "DS", "Insp"]
FIRST = ["Alex", "Sam", "Chris", "Jordan", "Robin", "Jamie", "Lee", "Kim",
         "Daniel", "Mark", "Paul", "Stephen", "Gary", "Lewis", "Adam", "Ryan"]
LAST = ["Walker", "Hughes", "Patel", "Turner", "Morgan", "Evans", "Price",
        "Bennett", "Shaw", "Ward", "Cole", "Fisher", "Lloyd", "Grant"]

CATEGORIES = [  # (category, weight)
    ("serious_sexual_offence", 6), ("sexual_offence", 8), ("serious_assault", 5),
    ("assault", 10), ("domestic_abuse", 10), ("coercive_control", 5),
    ("harassment", 7), ("stalking", 4), ("indecent_exposure", 4),
    ("serious_corruption", 3), ("abuse_of_position_sexual_purpose", 4),
    ("discrimination", 4), ("dishonesty", 6), ("death_or_serious_injury", 1),
    ("relevant_offence", 3), ("other", 10),
]
SERIOUS = {"serious_sexual_offence", "serious_assault", "serious_corruption",
           "abuse_of_position_sexual_purpose", "discrimination",
           "relevant_offence", "death_or_serious_injury"}
RISK = {"serious_sexual_offence", "sexual_offence", "serious_assault", "assault",
        "domestic_abuse", "coercive_control", "stalking"}
CRIMINAL = RISK | {"serious_corruption", "relevant_offence", "indecent_exposure",
                   "harassment", "death_or_serious_injury"}
SYSTEMS = ["PNC", "PND", "Centurion", "PSD case system", "Niche", "Athena",
           "Storm", "CRIMINT", "HR file"]
GAPPABLE = ["victim_contacted", "iopc_referred", "systems_checked",
            "suspension_decision", "record_unlinked", "notice_served",
            "psd_referral", "vetting_review"]

WORDS = (
    "the officer was off duty at the time and the complainant said that he had "
    "followed her home after an argument at a social event; the reporting "
    "officer took a first account at the scene and logged the call on the "
    "command and control system; body worn video was requested but had not "
    "been retained; the line manager spoke to the officer informally and "
    "recorded words of advice; a neighbour gave a statement describing raised "
    "voices and a door being slammed; the complainant later told the "
    "investigating officer she did not support a prosecution because she "
    "feared the consequences for her family; messages on her phone were "
    "downloaded and reviewed by a digital media investigator; the custody "
    "record shows the officer was interviewed under caution and released "
    "under investigation; professional standards reviewed the file and "
    "noted two earlier reports that had not been linked; the appropriate "
    "authority considered whether the matter should be referred and "
    "recorded its reasons in the decision log; the victim was updated by "
    "telephone and a letter was sent confirming the outcome; vetting were "
    "informed and asked to review the clearance in light of the adverse "
    "information; the federation representative asked for disclosure of the "
    "material relied on; the decision maker weighed the risk to the public "
    "and the confidence of the community in the force"
).replace(";", " ;").split()
SOURCES = [
    "PSD case file {ref}, decision log entry {n}",
    "IOPC report {ref}, paragraph {n}",
    "Force command and control log {ref}, serial {n}",
    "Custody record {ref}, page {n}",
    "Independent review for the police and crime commissioner, para {n}",
    "Misconduct hearing outcome notice {ref}",
    "Vetting unit file {ref}, entry {n}",
    "Crown Prosecution Service charging advice {ref}",
]


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for v, w in pairs:
        r -= w
        if r < 0:
            return v
    return pairs[-1][0]


def prose(rng, lo, hi):
    """lo..hi words of record-like free text, as one or two sentences."""
    n = rng.randint(lo, hi)
    start = rng.randrange(len(WORDS))
    out = [WORDS[(start + i) % len(WORDS)] for i in range(n)]
    text = " ".join(w for w in out if w != ";")
    text = text[:1].upper() + text[1:]
    return text.rstrip(" ,") + "."


WEEKEND = (5, 6)


def plus(d, days):
    return d + datetime.timedelta(days=days)


def plus_wd(d, n):
    """About n working days after d (weekends only; bank holidays ignored)."""
    while n > 0:
        d = plus(d, 1)
        if d.weekday() not in WEEKEND:
            n -= 1
    return d


def timing(rng, limit, p_in=0.75, p_late=0.15):
    """Working days after a trigger: in time, late, or (None) never."""
    r = rng.random()
    if r < p_in:
        return rng.randint(0, limit)
    if r < p_in + p_late:
        return rng.randint(limit + 1, limit * 3 + 5)
    return None


class Case:
    def __init__(self, rng, num):
        self.rng = rng
        self.num = num
        self.events = []
        self.ids = set()
        self.next_k = {}  # per id base: the suffix to try next (ids of 100,000 events)

    def add(self, date, type_, re=None, prec="day", **fields):
        rng = self.rng
        base = "%s-%s" % (re, type_.replace("_", "-")) if re else type_.replace("_", "-")
        eid, k = base, self.next_k.get(base, 2)
        if eid in self.ids:
            # the first free base-K, as a scan from 2 would find: ids are only added
            while "%s-%d" % (base, k) in self.ids:
                k += 1
            eid = "%s-%d" % (base, k)
            self.next_k[base] = k + 1
        self.ids.add(eid)
        ev = {"id": eid, "date": fmt(date, prec), "type": type_}
        if re:
            ev["re"] = re
        for key, val in fields.items():
            if val is not None:
                ev[key] = val
        if rng.random() < 0.2:
            ev["note"] = prose(rng, 6, 24)
        if rng.random() < 0.1:
            ev["source"] = rng.choice(SOURCES).format(
                ref="%s/%04d/%02d" % ("PSD", self.num, rng.randint(1, 99)),
                n=rng.randint(1, 400))
        self.events.append((date, len(self.events), ev))
        return ev


def fmt(d, prec):
    if prec == "year":
        return "%04d" % d.year
    if prec == "month":
        return "%04d-%02d" % (d.year, d.month)
    return d.isoformat()


def gen_case(rng, num, scale=None):
    """Case NUM. SCALE (bench/gen_scale.py) may set "matters" (that many
    allegations, from 2005 on, GAP days apart at most), "events" (filled up
    to that many events) and "window" (history checks list at most that many
    earlier matters, so that the file stays linear in matters)."""
    scale = scale or {}
    home, home_name = rng.choice(FORCES)
    other, other_name = rng.choice([f for f in FORCES if f[0] != home])
    psd, lm = home + "-PSD", home + "-LM"
    parties = {
        home: {"kind": "force", "name": home_name},
        psd: {"kind": "psd", "of": home, "name": home_name + " Professional Standards Department"},
        lm: {"kind": "line_manager", "of": home, "name": "The subject's line manager"},
        other: {"kind": "force", "name": other_name},
        other + "-PSD": {"kind": "psd", "of": other, "name": other_name + " Professional Standards"},
        "IOPC": {"kind": "oversight", "name": "Independent Office for Police Conduct (IPCC before 2018-01-08)"},
        "INV1": {"kind": "investigator", "name": "Investigator from another command"},
        "INV2": {"kind": "investigator", "name": "Investigator in the subject's own team"},
        "PCC": {"kind": "policing_body", "name": "Police and crime commissioner for " + home_name},
        "CRT": {"kind": "court", "name": "Crown Court"},
        "CPS": {"kind": "other", "name": "Crown Prosecution Service"},
        "COP": {"kind": "college", "name": "College of Policing"},
        "R1": {"kind": "reporter", "name": "Member of the public who called it in"},
    }
    c = Case(rng, num)
    joined = rng.randint(1996, 2016)
    first_alleg = datetime.date(max(2005, joined), 1, 1) + datetime.timedelta(
        days=rng.randrange(0, 365 * max(1, min(2022, joined + 12) - max(2005, joined))))
    if first_alleg.year > 2022:
        first_alleg = datetime.date(2022, rng.randint(1, 12), rng.randint(1, 28))
    if "matters" in scale:
        first_alleg = datetime.date(2005, 1, 3)
    subject = {
        "name": "%s %s" % (rng.choice(FIRST), rng.choice(LAST)),
        "rank": rng.choice(RANKS),
        "force": home,
        "joined": str(joined),
    }
    # Probationers: two years from joining; some allegations fall inside.
    subject["probation_ends"] = "%04d-%02d" % (joined + 2, rng.randint(1, 12))
    if rng.random() < 0.05:
        subject["probationer"] = True
        del subject["probation_ends"]
    vet = [{"date": str(joined), "level": "recruitment"}]
    y = joined
    while True:
        y += rng.choice([7, 9, 10, 10, 11, 12, 14])
        if y > 2023 or rng.random() < 0.2:
            break
        vet.append({"date": "%04d-%02d" % (y, rng.randint(1, 12)) if rng.random() < 0.7 else str(y),
                    "level": "renewal"})
    if rng.random() < 0.9:
        subject["vetting"] = vet

    n_alleg = wchoice(rng, [(1, 20), (2, 35), (3, 30), (4, 15)])
    n_alleg = scale.get("matters", n_alleg)
    gap = (60, 900) if "matters" not in scale else (0, max(1, 6000 // n_alleg))
    matters = []
    d = first_alleg
    victims = 0
    for k in range(n_alleg):
        if k:
            d = plus(d, rng.randint(*gap))
        if d.year > 2023:
            break
        aid = "a%d" % (k + 1)
        cats = []
        for _ in range(wchoice(rng, [(1, 60), (2, 30), (3, 10)])):
            cat = wchoice(rng, CATEGORIES)
            if cat not in cats:
                cats.append(cat)
        receiver = wchoice(rng, [(psd, 40), (home, 20), (lm, 15), (other, 25)])
        victim = None
        if rng.random() < 0.65:
            victims += 1
            victim = "V%d" % victims
            parties[victim] = {"kind": "victim", "name": "Complainant %d" % victims}
        prec = "month" if rng.random() < 0.04 else "day"
        c.add(d, "allegation_received", re=None, prec=prec, by=receiver, categories=cats,
              on_duty=rng.random() < 0.4, victim=victim,
              reporter="R1" if victim is None and rng.random() < 0.5 else None)
        # the id of an allegation is the matter id: rename what add() chose
        ev = c.events[-1][2]
        c.ids.discard(ev["id"])
        ev["id"] = aid
        c.ids.add(aid)
        handle(c, rng, home, psd, lm, other, aid, d, cats, victim,
               matters[-scale["window"]:] if "window" in scale else matters)
        matters.append((aid, d))

    # Leaving the service (per case), and the College's lists.
    last = max(e[0] for e in c.events)
    if not any(e[2]["type"] == "dismissed" for e in c.events) and rng.random() < 0.18:
        when = plus(last, -rng.randint(0, 200))
        c.add(when, rng.choice(["resigned", "retired"]), by=home)
        t = timing(rng, 5, 0.5, 0.2)
        if t is not None:
            c.add(plus_wd(when, t), "advisory_list_reported", by=home, to="COP")
    for e in list(c.events):
        if e[2]["type"] == "dismissed":
            t = timing(rng, 5, 0.6, 0.2)
            if t is not None:
                c.add(plus_wd(e[0], t), "barred_list_reported", by=home, to="COP")
    # Vetting renewals recorded as events too, sometimes.
    if rng.random() < 0.3:
        c.add(datetime.date(min(2023, joined + rng.randint(9, 13)), rng.randint(1, 12), 15),
              "vetting_review", by=home, trigger="renewal", outcome="cleared")

    # The record ends in 2023; a quarter of the cases are still open (judged
    # a few days after their last allegation: pending duties).
    cutoff = datetime.date(2023, 12, 31)
    open_case = bool(matters) and rng.random() < 0.25
    if open_case:
        cutoff = min(cutoff, plus(matters[-1][1], rng.randint(1, 30)))
    c.events = [e for e in c.events if e[0] <= cutoff]

    # Fill up to about 25 events with routine entries (victim updates, extra
    # checks, progress reports) so the corpus has the peers' shape.
    target = rng.randint(14, 26)
    target = scale.get("events", target)
    while len(c.events) < target and matters:
        aid, ad = rng.choice(matters)
        when = min(plus(ad, rng.randint(1, 500)), cutoff)
        kind = wchoice(rng, [("victim_contacted", 4), ("systems_checked", 2),
                             ("progress_report", 2), ("management_action", 1)])
        if kind == "systems_checked":
            c.add(when, kind, re=aid, by=psd, found=[], systems=rng.sample(SYSTEMS, 2))
        elif kind == "progress_report":
            c.add(when, kind, re=aid, by=psd, to="PCC")
        elif kind == "management_action":
            c.add(when, kind, re=aid, by=lm, outcome="words of advice")
        else:
            c.add(when, kind, re=aid, by=psd)

    events = [e for _, _, e in sorted(c.events, key=lambda t: (t[0], t[1]))]
    last = max(e[0] for e in c.events)
    as_of = cutoff if open_case else min(plus(last, rng.randint(0, 600)), cutoff)
    case = {
        "format": FORMAT,
        "id": "bench-%05d" % num,
        "title": "Synthetic bench case %d: %d allegation%s against a %s of %s" % (
            num, len(matters), "" if len(matters) == 1 else "s", subject["rank"], home_name),
        "summary": prose(rng, 30, 70),
        "sources": ["Synthetic: bench/gen_cases.py, seed %d" % SEED],
        "policy": POLICY,
        "subject": subject,
        "parties": parties,
        "events": events,
    }
    if open_case or rng.random() < 0.85:
        case["as_of"] = as_of.isoformat()
    if rng.random() < 0.12:
        case["gaps"] = rng.sample(GAPPABLE, rng.randint(1, 2))
    return case


def handle(c, rng, home, psd, lm, other, aid, d, cats, victim, earlier):
    """The handling of one matter: each duty done in time, late or never."""
    serious = bool(SERIOUS.intersection(cats))
    risk = bool(RISK.intersection(cats))
    receiver = c.events[-1][2]["by"]
    aware = d
    # Intake: route to PSD, or tell the home force.
    if receiver in (home, lm):
        if rng.random() < 0.12:
            c.add(plus_wd(d, rng.randint(0, 5)), "management_action", re=aid, by=lm,
                  outcome=rng.choice(["words of advice", "reflective discussion", "no further action"]))
            if rng.random() < 0.6:
                return  # line management only: never reached the PSD
        t = timing(rng, 5, 0.7, 0.2)
        if t is None:
            return
        aware = plus_wd(d, t)
        c.add(aware, "psd_referral", re=aid, by=receiver, to=psd)
    elif receiver == other:
        t = timing(rng, 5, 0.65, 0.2)
        if t is None:
            return
        aware = plus_wd(d, t)
        c.add(aware, "home_force_notified", re=aid, by=other + "-PSD", to=psd)

    # Checks of the subject's history, against what PSD already knew.
    t = timing(rng, 5, 0.7, 0.15)
    if t is not None:
        found = [m for m, _ in earlier if rng.random() < 0.8]
        c.add(plus_wd(aware, t), "systems_checked", re=aid, by=psd, found=found,
              systems=rng.sample(SYSTEMS, rng.randint(1, 4)))
    if len(earlier) >= 2:
        t = timing(rng, 20, 0.5, 0.2)
        if t is not None:
            considered = [m for m, _ in earlier if rng.random() < 0.85]
            c.add(plus_wd(aware, t), "cumulative_assessment", re=aid, by=psd, considered=considered)
    if rng.random() < 0.06:
        c.add(plus(aware, rng.randint(5, 200)), "record_unlinked",
              re=aid if rng.random() < 0.7 else None, by=home,
              system=rng.choice(SYSTEMS))

    # Recording and referral.
    recorded = None
    if "other" not in cats or len(cats) > 1 or rng.random() < 0.3:
        t = timing(rng, 10, 0.7, 0.18)
        if t is not None:
            recorded = plus_wd(aware, t)
            c.add(recorded, "conduct_recorded", re=aid, by=psd)
    if serious:
        t = timing(rng, 1, 0.6, 0.25)
        if t is not None:
            c.add(plus_wd(aware, t), "iopc_referred", re=aid, by=psd, basis="mandatory")
    elif rng.random() < 0.05:
        call = plus(aware, rng.randint(3, 60))
        c.add(call, "iopc_call_in", re=aid, by="IOPC")
        t = timing(rng, 1, 0.6, 0.25)
        if t is not None:
            c.add(plus_wd(call, t), "iopc_referred", re=aid, by=psd, basis="call_in")
    elif aware >= datetime.date(2020, 2, 1) and rng.random() < 0.06:
        c.add(plus(aware, rng.randint(3, 60)), "iopc_initiative", re=aid, by="IOPC")

    # Risk: suspension or restriction.
    if risk:
        t = timing(rng, 2, 0.6, 0.25)
        if t is not None:
            decision = rng.choice(["suspended", "restricted", "redeployed", "no_action"])
            reasons = [prose(rng, 8, 20)] if rng.random() < 0.85 else None
            c.add(plus_wd(aware, t), "suspension_decision", re=aid, by=home,
                  decision=decision, reasons=reasons)

    # Vetting on adverse information; probation.
    if aware >= datetime.date(2017, 10, 1) and rng.random() < 0.8:
        t = timing(rng, 20, 0.55, 0.25)
        if t is not None:
            c.add(plus_wd(aware, t), "vetting_review", re=aid, by=home,
                  trigger="adverse_information",
                  outcome=rng.choice(["cleared", "cleared", "withdrawn", "pending"]))
    if rng.random() < 0.5:
        t = timing(rng, 20, 0.6, 0.2)
        if t is not None:
            c.add(plus_wd(d, t), "probation_review", re=aid, by=home,
                  outcome=rng.choice(["retained", "retained", "discharged"]))

    # Victim contact (sometimes only after the close).
    contact_at = None
    if victim and rng.random() < 0.7:
        contact_at = plus(aware, rng.randint(1, 120))
        c.add(contact_at, "victim_contacted", re=aid, by=psd)

    # Criminal track.
    nfa_at = None
    convicted_at = None
    if CRIMINAL.intersection(cats) and rng.random() < 0.55:
        opened = plus(d, rng.randint(0, 20))
        c.add(opened, "criminal_investigation_opened", re=aid, by=home)
        if rng.random() < 0.5:
            c.add(plus(opened, rng.randint(0, 30)), "arrested", re=aid, by=home)
        if recorded and rng.random() < 0.3:
            reasons = [prose(rng, 10, 25)] if rng.random() < 0.6 else None
            paused = plus(recorded, rng.randint(5, 40))
            c.add(paused, "conduct_paused", re=aid, by=psd, reasons=reasons)
            if rng.random() < 0.6:
                c.add(plus(paused, rng.randint(30, 300)), "conduct_resumed", re=aid, by=psd)
        r = rng.random()
        if r < 0.5:
            nfa_at = plus(opened, rng.randint(30, 400))
            c.add(nfa_at, "criminal_nfa", re=aid, by="CPS",
                  reason=rng.choice(["evidential", "victim_withdrew", "public_interest", "other"]))
        elif r < 0.8:
            charged = plus(opened, rng.randint(30, 300))
            c.add(charged, "charged", re=aid, by="CPS")
            end = plus(charged, rng.randint(30, 400))
            out = rng.choice(["guilty_plea", "convicted", "convicted", "acquitted"])
            c.add(end, out, re=aid, by="CRT")
            if out == "acquitted":
                nfa_at = end
            else:
                convicted_at = end

    # Conduct track: severity, investigator, notice, investigation.
    closed = None
    if recorded:
        sev = None
        t = timing(rng, 15, 0.65, 0.2)
        if nfa_at and rng.random() < 0.5:
            t2 = rng.choice([rng.randint(0, 28), rng.randint(29, 90)])
            sev_at = plus(nfa_at, t2)
        elif t is not None:
            sev_at = plus_wd(recorded, t)
        else:
            sev_at = None
        if sev_at:
            sev = wchoice(rng, [("none", 15), ("practice_requiring_improvement", 15),
                                ("misconduct", 40), ("gross_misconduct", 30)])
            c.add(sev_at, "severity_assessed", re=aid, by=psd, outcome=sev)
        if sev in ("misconduct", "gross_misconduct"):
            t = timing(rng, 10, 0.7, 0.15)
            if t is not None:
                appointed = plus_wd(sev_at, t)
                inlm = rng.random() < 0.12
                c.add(appointed, "investigator_appointed", re=aid, by=psd,
                      investigator="INV2" if inlm else "INV1", in_line_management=inlm)
                t = timing(rng, 10, 0.65, 0.15)
                if rng.random() < 0.1:
                    c.add(plus_wd(appointed, rng.randint(0, 12)), "notice_deferred", re=aid, by="INV1",
                          reasons=[prose(rng, 8, 20)] if rng.random() < 0.8 else None)
                elif t is not None:
                    c.add(plus_wd(appointed, t), "notice_served", re=aid, by="INV1")
                # Long investigations: progress reports at 12 months, then 6.
                length = rng.randint(60, 900)
                if aware >= datetime.date(2020, 2, 1) and length > 365:
                    at = plus(aware, 365 + rng.randint(-20, 40))
                    while at < plus(aware, length) and rng.random() < 0.85:
                        c.add(at, "progress_report", re=aid, by=psd, to="PCC")
                        at = plus(at, 182 + rng.randint(-10, 30))
                done = plus(aware, length)
                if rng.random() < 0.8:
                    c.add(done, "investigation_completed", re=aid, by="INV1")
                    cta = rng.choice(["no_case", "misconduct", "gross_misconduct"])
                    c.add(plus(done, rng.randint(5, 60)), "case_to_answer", re=aid, by=psd, outcome=cta)
                    if cta != "no_case" and rng.random() < 0.8:
                        kind = "misconduct_hearing" if cta == "gross_misconduct" else "misconduct_meeting"
                        h_at = plus(done, rng.randint(60, 200))
                        outcome = rng.choice(["no_action", "management_advice", "written_warning",
                                              "final_written_warning", "dismissal"] if kind == "misconduct_hearing"
                                             else ["no_action", "management_advice", "written_warning"])
                        c.add(h_at, kind, re=aid, by=home, outcome=outcome)
                        closed = plus(h_at, rng.randint(1, 30))
                        c.add(closed, "conduct_closed", re=aid, by=psd, reason="proceedings_concluded")
                        if outcome == "dismissal":
                            dismiss(c, h_at, home)
                    else:
                        closed = plus(done, rng.randint(10, 90))
                        c.add(closed, "conduct_closed", re=aid, by=psd, reason="no_case_to_answer")
        elif sev in ("none", "practice_requiring_improvement") and rng.random() < 0.7:
            closed = plus(sev_at, rng.randint(1, 60))
            if rng.random() < 0.4:
                c.add(closed, "reflective_practice", re=aid, by=lm)
            c.add(closed, "conduct_closed", re=aid, by=psd,
                  reason=rng.choice(["management_action", "other", "withdrawn"]))
        elif sev is None and nfa_at and rng.random() < 0.6:
            closed = plus(nfa_at, rng.randint(1, 60))
            c.add(closed, "conduct_closed", re=aid, by=psd, reason="criminal_nfa")
        if nfa_at and rng.random() < 0.25:
            c.add(plus(nfa_at, rng.randint(1, 40)), "restrictions_lifted", re=aid, by=home)
    if convicted_at:
        t = timing(rng, 20, 0.6, 0.25)
        if t is not None:
            c.add(plus_wd(convicted_at, t), "special_case_certified", re=aid, by=home)
            if rng.random() < 0.6:
                h = plus_wd(convicted_at, t + rng.randint(5, 20))
                c.add(h, "misconduct_hearing", re=aid, by=home, outcome="dismissal")
                dismiss(c, h, home)
    if closed and victim and contact_at is None and rng.random() < 0.5:
        c.add(plus(closed, rng.randint(1, 30)), "victim_contacted", re=aid, by=psd)


def dismiss(c, when, home):
    """The subject is dismissed, once."""
    if not any(e[2]["type"] == "dismissed" for e in c.events):
        c.add(when, "dismissed", by=home)


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 10000
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[2] if len(argv) > 2 else os.path.join(here, "gen", "cases")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".json") or name == "MANIFEST":
            os.unlink(os.path.join(out, name))
    rng = random.Random(SEED)
    names, total, n_events = [], 0, 0
    for i in range(1, n + 1):
        case = gen_case(rng, i)
        text = json.dumps(case, indent=2, ensure_ascii=False) + "\n"
        name = "B%05d.json" % i
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        names.append(name)
        total += len(text.encode("utf-8"))
        n_events += len(case["events"])
    with open(os.path.join(out, "MANIFEST"), "w") as f:
        f.write("\n".join(names) + "\n")
    with open(os.path.join(os.path.dirname(out), "SIZES"), "w") as f:
        f.write("cases %d\nevents %d\nbytes %d\nseed %d\n" % (n, n_events, total, SEED))
    print("gen_cases: %d cases, %d events (%.1f per case), %d bytes (%.0f per case) in %s"
          % (n, n_events, n_events / n, total, total / n, out))


if __name__ == "__main__":
    main(sys.argv)
