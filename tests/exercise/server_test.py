#!/usr/bin/env python3
"""server_test.py: `casecheck exercise serve` as trainees and attackers meet it.

Starts the server on a free loopback port with a fresh results directory,
then checks, in order: every scenario played well and badly (the debrief
score and the findings a trainee reads); every kind of bad request refused
with its message and the server still answering; and a load test: many
trainees at once, every run saved whole, none lost. Python standard library
only. Usage: server_test.py CASECHECK_BIN ROOT
"""
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BIN, ROOT = sys.argv[1], sys.argv[2]
PLAYS = json.load(open(os.path.join(ROOT, 'tests/exercise/plays.json')))
TRAINEES = 48          # concurrent trainees in the load test
LOAD_SECONDS = 90      # the load test must finish within this

# The debrief each play must give: (points, max, score). Checked by hand
# against the steps: see tests/exercise/README.md.
EXPECTED = {
    ('first-week', 'well'): (18, 18, 100),
    ('first-week', 'badly'): (2, 16, 13),
    ('carrick-2002', 'well'): (8, 8, 100),
    ('carrick-2002', 'badly'): (0, 4, 0),
    ('carrick-2019', 'well'): (22, 22, 100),
    ('carrick-2019', 'badly'): (6, 20, 30),
    ('carrick-2021', 'well'): (24, 24, 100),
    ('carrick-2021', 'badly'): (6, 22, 27),
}

failures = []
passed = 0


def check(cond, what):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)
        print('FAIL ' + what, flush=True)


def request(port, method, path, body=None, raw=None, timeout=30):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    conn.request(method, path, body=data, headers={'Content-Type': 'application/json'} if data else {})
    resp = conn.getresponse()
    payload = resp.read()
    conn.close()
    try:
        doc = json.loads(payload)
    except ValueError:
        doc = None
    return resp.status, doc, payload, resp.getheader('Content-Type')


def refused(port, body, status, text, raw=None, method='POST', path='/api/play'):
    got, doc, payload, _ = request(port, method, path, body=body, raw=raw)
    check(got == status and doc and doc.get('error') == text,
          '%s %s %r: expected %d %r, got %d %r' % (method, path, (body or raw or '')[:80] if isinstance(body or raw, (str, bytes)) else body, status, text, got, payload[:300]))


def plays(port):
    for (sc, how), (points, maximum, score) in EXPECTED.items():
        status, doc, payload, _ = request(port, 'POST', '/api/finish',
                                          {'scenario': sc, 'decisions': PLAYS[sc][how], 'trainee': 'tester'})
        check(status == 200, '%s %s: finish answered %d %r' % (sc, how, status, payload[:200]))
        if status != 200:
            continue
        d = doc['debrief']
        check((d['points'], d['max'], d['score']) == (points, maximum, score),
              '%s %s: debrief %r, expected %r' % (sc, how, (d['points'], d['max'], d['score']), (points, maximum, score)))
        check(re.fullmatch('[0-9a-f]{16}', doc.get('run', '')) is not None, '%s %s: run id %r' % (sc, how, doc.get('run')))
    # what a trainee reads along the way: the due date and working days left
    status, doc, _, _ = request(port, 'POST', '/api/play', {'scenario': 'first-week', 'decisions': [
        {'decision': 'record', 'date': '2024-03-05'}]})
    due = {d['step']: d for d in doc['due']}
    check(due['refer.iopc_mandatory']['due_by'] == '2024-03-05' and due['refer.iopc_mandatory']['working_days_left'] == 0,
          'first-week: IOPC referral due 2024-03-05, 0 working days left: %r' % due.get('refer.iopc_mandatory'))
    check(due['history.prior_allegations_checked']['due_by'] == '2024-03-11'
          and due['history.prior_allegations_checked']['working_days_left'] == 4,
          'first-week: history check due 2024-03-11 with 4 working days left')
    met = [f for f in doc['findings'] if f['evidence'] == doc['last']]
    # recording the conduct matter is also the record of the route decision (PRA 2002 s.12)
    check([(f['step'], f['status']) for f in met] == [('record.conduct_matter', 'pass'), ('assess.route_decided', 'pass')],
          'first-week: recording on 5 March met record.conduct_matter and assess.route_decided: %r' % met)
    # late, with the days
    status, doc, _, _ = request(port, 'POST', '/api/finish', {'scenario': 'first-week', 'decisions': PLAYS['first-week']['badly']})
    rec = [f for f in doc['findings'] if f['step'] == 'record.conduct_matter'][0]
    check(rec['status'] == 'late' and rec['days_late'] == 7 and rec['due'] == '2024-03-18',
          'first-week badly: recorded 7 days late (due 2024-03-18): %r' % rec)
    # the criminal NFA arrives on the clock in carrick-2019
    status, doc, _, _ = request(port, 'POST', '/api/play', {'scenario': 'carrick-2019', 'decisions': [], 'clock': '2019-08-29'})
    check(not any(e['id'] == 'a2019-nfa' for e in doc['timeline']), 'carrick-2019: the NFA is not seen before 30 August')
    status, doc, _, _ = request(port, 'POST', '/api/play', {'scenario': 'carrick-2019', 'decisions': [], 'clock': '2019-08-30'})
    check(any(e['id'] == 'a2019-nfa' for e in doc['timeline']), 'carrick-2019: the NFA is seen on 30 August')
    # a note that looks like JSON is only text
    nasty = 'x","by":"LM"}]}//'
    status, doc, _, _ = request(port, 'POST', '/api/play', {'scenario': 'first-week', 'decisions': [
        {'decision': 'record', 'date': '2024-03-05', 'note': nasty}]})
    ev = [e for e in doc['timeline'] if e['id'] == 'trainee-1']
    check(status == 200 and ev and ev[0]['by'] == 'NC-PSD', 'a JSON-looking note stays a note: %r' % ev)


def bad_requests(port):
    refused(port, None, 413, 'request body too large (at most 64 KiB)', raw=b'{"scenario":"' + b'x' * 70000 + b'"}')
    refused(port, None, 400, "bad JSON at line 1, column 4: '[' or '{' expected near 'nope'", raw=b'nope')
    refused(port, None, 400, 'bad JSON at line 1, column 1: unable to decode byte 0xff near \'"\'', raw=b'"\xff"')
    refused(port, {'scenario': 'first-week', 'decisions': [], 'scenarioo': 1}, 400,
            "unknown field 'scenarioo' (expected scenario, decisions, clock, trainee)")
    refused(port, {'scenario': 'nope', 'decisions': []}, 404, "unknown scenario 'nope'")
    refused(port, {'scenario': '../../etc/passwd', 'decisions': []}, 404, "unknown scenario '../../etc/passwd'")
    refused(port, {'scenario': 'first-week'}, 400, "'decisions' must be an array (empty before the first)")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-05', 'by': 'LM'}]}, 400,
            "decision 1: unknown field 'by' (expected decision, date, choice, note)")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-3-5'}]}, 400,
            "decision 1: 'date' must be a date YYYY-MM-DD")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-01'}]}, 400,
            'decision 1: date 2024-03-01 is outside 2024-03-04 to 2024-04-30 (the clock does not go back, and the scenario ends on 2024-04-30)')
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '9999-12-31'}]}, 400,
            'decision 1: date 9999-12-31 is outside 2024-03-04 to 2024-04-30 (the clock does not go back, and the scenario ends on 2024-04-30)')
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-10'},
                                                          {'decision': 'severity', 'date': '2024-03-09', 'choice': 'misconduct'}]}, 400,
            'decision 2: date 2024-03-09 is outside 2024-03-10 to 2024-04-30 (the clock does not go back, and the scenario ends on 2024-04-30)')
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-32'}]}, 400,
            "decision 1: invalid date '2024-03-32': day must be 01 to 31")
    refused(port, {'scenario': 'first-week', 'decisions': [], 'clock': '2024-04-31'}, 400,
            'clock 2024-04-31 is outside 2024-03-04 to 2024-04-30')
    refused(port, {'scenario': 'first-week', 'decisions': [], 'clock': '2024-04-00'}, 400,
            "cannot evaluate as of 2024-04-00: bad as-of date '2024-04-00' (expected YYYY-MM-DD)")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'recrod', 'date': '2024-03-05'}]}, 400,
            "decision 1: unknown decision 'recrod' in scenario 'first-week'")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'severity', 'date': '2024-03-05', 'choice': 'awful'}]}, 400,
            "decision 1: 'severity' needs a choice of outcome")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-05', 'choice': 'x'}]}, 400,
            "decision 1: 'record' takes no choice")
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-05'}] * 65}, 400,
            'too many decisions (65; at most 64)')
    refused(port, {'scenario': 'first-week', 'decisions': [{'decision': 'record', 'date': '2024-03-05', 'note': 'n' * 2001}]}, 400,
            "decision 1: 'note' must be a string of at most 2000 bytes")
    refused(port, {'scenario': 'first-week', 'decisions': [], 'trainee': 't' * 101}, 400,
            "'trainee' must be a name of at most 100 bytes")
    refused(port, [], 400, 'expected a JSON object {scenario, decisions, clock}')
    # the server sees the path after percent-decoding: every spelling of '..' is refused
    for path, name in (('/static/../Makefile', '../Makefile'), ('/static/..%2fMakefile', '../Makefile'),
                       ('/static/%2e%2e/Makefile', '../Makefile'), ('/static/.hidden', '.hidden'),
                       ('/static/exercise.js/../../Makefile', 'exercise.js/../../Makefile'),
                       ('/static/', ''), ('/static/x.lua', 'x.lua')):
        refused(port, None, 404, "no such file '%s'" % name, method='GET', path=path)
    refused(port, None, 404, "no such page '/../../etc/passwd'", method='GET', path='/../../etc/passwd')
    refused(port, None, 404, "no such page '/api/play'", method='GET', path='/api/play')
    refused(port, None, 405, 'method PUT not allowed (GET or POST)', method='PUT', path='/api/play')
    refused(port, {}, 404, "no such API '/api/nope' (POST /api/play or /api/finish)", path='/api/nope')
    status, _, payload, ctype = request(port, 'GET', '/static/exercise.js')
    check(status == 200 and ctype.startswith('text/javascript') and b'exercise.js' in payload, 'the page script is served')
    status, _, payload, ctype = request(port, 'GET', '/')
    check(status == 200 and ctype.startswith('text/html') and b'<title>casecheck training exercise</title>' in payload,
          'the page is served at /')


def one_trainee(port, n):
    """Trainee N plays a scenario step by step, then finishes; returns what they sent and got."""
    keys = sorted(EXPECTED)
    sc, how = keys[n % len(keys)]
    decisions = PLAYS[sc][how]
    for k in range(1, len(decisions) + 1):
        status, doc, payload, _ = request(port, 'POST', '/api/play', {'scenario': sc, 'decisions': decisions[:k]}, timeout=60)
        if status != 200:
            return n, sc, how, None, 'play %d answered %d %r' % (k, status, payload[:200])
    status, doc, payload, _ = request(port, 'POST', '/api/finish',
                                      {'scenario': sc, 'decisions': decisions, 'trainee': 'trainee %d' % n}, timeout=60)
    if status != 200:
        return n, sc, how, None, 'finish answered %d %r' % (status, payload[:200])
    return n, sc, how, doc, None


def load(port, results):
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=TRAINEES) as pool:
        outcomes = list(pool.map(lambda n: one_trainee(port, n), range(TRAINEES)))
    elapsed = time.monotonic() - t0
    check(elapsed < LOAD_SECONDS, 'load: %d trainees took %.1f s (limit %d s)' % (TRAINEES, elapsed, LOAD_SECONDS))
    errors = [o for o in outcomes if o[4]]
    check(not errors, 'load: every request answered: %r' % errors[:3])
    files = sorted(os.listdir(results))
    check(len(files) == TRAINEES and all(re.fullmatch('[0-9a-f]{16}\\.json', f) for f in files),
          'load: %d runs saved, no temporary files left: %r' % (TRAINEES, [f for f in files if not f.endswith('.json')][:5] or len(files)))
    for n, sc, how, doc, err in outcomes:
        if err:
            continue
        path = os.path.join(results, doc['run'] + '.json')
        try:
            saved = json.load(open(path))
        except (OSError, ValueError) as e:
            check(False, 'load: run of trainee %d unreadable: %s' % (n, e))
            continue
        want = EXPECTED[(sc, how)]
        check(saved['format'] == 'casecheck/exercise-run@1' and saved['run'] == doc['run']
              and saved['trainee'] == 'trainee %d' % n and saved['scenario'] == sc
              and saved['decisions'] == PLAYS[sc][how]
              and (saved['debrief']['points'], saved['debrief']['max'], saved['debrief']['score']) == want
              and saved['findings'] == doc['findings'],
              'load: run of trainee %d saved whole and right' % n)
    print('load: %d trainees, %d requests in %.1f s' % (
        TRAINEES, sum(len(PLAYS[s][h]) + 1 for _, s, h, _, _ in outcomes), elapsed), flush=True)


def bad_scenario(work):
    """A scenario with faults is refused whole, every fault named, before anything is served."""
    sc = json.load(open(os.path.join(ROOT, 'scenarios/first-week.json')))
    sc['decisions'][0]['type'] = 'conduct_recordd'
    sc['decisions'][1]['fields']['basis'] = 'mandatry'
    sc['decisions'][2]['choose'] = 'reasons'
    sc['stat'] = 'x'
    sc['end'] = '2024-02-01'
    path = os.path.join(work, 'bad.json')
    json.dump(sc, open(path, 'w'))
    run = subprocess.run([BIN, 'exercise', 'serve', '--port', '0', '--stop-after', '5', path],
                         capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, CASECHECK_PATH=os.path.join(ROOT, 'policies')))
    want = [
        path + ": /stat: unknown field 'stat' (expected one of format, id, title, briefing, policy, start, end, matter, case, decisions, debrief)",
        path + ': /end: the end 2024-02-01 is before the start 2024-03-04',
        path + ": /decisions/0: decision 'record': unknown event type 'conduct_recordd' (did you mean 'conduct_recorded'?)",
        path + ": /decisions/1: decision 'refer-iopc': unknown basis 'mandatry' (did you mean 'mandatory'?)",
        path + ": /decisions/2: 'choose' must name a field of suspension_decision with a fixed list of values",
    ]
    check(run.returncode == 2 and run.stderr.splitlines() == want and run.stdout == '',
          'a bad scenario is refused with every fault: exit %d, %r' % (run.returncode, run.stderr))


def main():
    work = tempfile.mkdtemp(prefix='casecheck-exercise-')
    bad_scenario(work)
    results = os.path.join(work, 'results')
    server = subprocess.Popen([BIN, 'exercise', 'serve', '--port', '0', '--threads', '4',
                               '--results', results, '--stop-after', '300',
                               '--static', os.path.join(ROOT, 'share/exercise'),
                               os.path.join(ROOT, 'scenarios')],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=dict(os.environ, CASECHECK_PATH=os.path.join(ROOT, 'policies')))
    try:
        line = server.stdout.readline()
        m = re.search(r'http://127\.0\.0\.1:(\d+)/', line)
        if not m:
            print('exercise: the server did not start: %r %s' % (line, server.stdout.read()))
            return 1
        port = int(m.group(1))
        plays(port)
        bad_requests(port)
        # the bad requests and plays above saved some runs: the load test counts its own
        shutil.rmtree(results)
        os.mkdir(results)
        load(port, results)
        status, _, _, _ = request(port, 'GET', '/api/scenarios')
        check(status == 200, 'the server still answers after everything')
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
        check(server.returncode == 0, 'the server stops cleanly on SIGTERM (exit %s): %s' % (server.returncode, out[-500:]))
        shutil.rmtree(work, ignore_errors=True)
    print('exercise: %d passed, %d failed' % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
