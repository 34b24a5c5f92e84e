/*
 * exercise.test.js: the training exercise in real headless Chromium. It
 * starts `casecheck exercise serve` on a free loopback port, then, for
 * every scenario, plays it well and badly through the page as a trainee
 * would (choose an action, a choice, a date, press Act; at the end press
 * End and debrief) and checks what the trainee sees: the clock, what is
 * due and by when, what a decision met, and the debrief's score. The
 * plays and their scores are those of tests/exercise/ (plays.json; the
 * scores are reviewed in tests/exercise/README.md). Screenshots go to
 * $SHOTS. Env: CASECHECK_BIN, CASECHECK_ROOT, SHOTS.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { launch } = require('./launch');

const BIN = process.env.CASECHECK_BIN || 'build/casecheck';
const ROOT = process.env.CASECHECK_ROOT || '.';
const SHOTS = process.env.SHOTS || path.join(ROOT, 'build', 'browser');
const PLAYS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/exercise/plays.json'), 'utf8'));

/* What the debrief says for each play, as tests/exercise/server_test.py checks it. */
const SCORES = {
	'first-week': { well: 'Score: 100% (18 of 18 points)', badly: 'Score: 13% (2 of 16 points)' },
	'carrick-2002': { well: 'Score: 100% (8 of 8 points)', badly: 'Score: 0% (0 of 4 points)' },
	'carrick-2019': { well: 'Score: 100% (22 of 22 points)', badly: 'Score: 30% (6 of 20 points)' },
	'carrick-2021': { well: 'Score: 100% (24 of 24 points)', badly: 'Score: 27% (6 of 22 points)' },
};

/* The first row of "What is due" when each scenario opens: due by, working days left. */
const FIRST_DUE = {
	'first-week': ['2024-03-05', '1', 'Mandatory referral to the IOPC (IPCC)'],
	'carrick-2002': ['2002-03-18', '5', 'The allegation reaches professional standards'],
	'carrick-2019': ['2019-08-05', '2', 'A documented decision on suspension or restriction'],
	'carrick-2021': ['2021-07-09', '1', 'Mandatory referral to the IOPC (IPCC)'],
};

let passed = 0;
const failures = [];

function check(cond, what) {
	if (cond) passed++;
	else {
		failures.push(what);
		console.log('FAIL ' + what);
	}
}

function startServer(results) {
	return new Promise((resolve, reject) => {
		const srv = spawn(BIN, ['exercise', 'serve', '--port', '0', '--results', results,
			'--static', path.join(ROOT, 'share/exercise'), '--stop-after', '600',
			path.join(ROOT, 'scenarios')], { env: Object.assign({}, process.env, { CASECHECK_PATH: path.join(ROOT, 'policies') }) });
		let out = '';
		srv.stdout.on('data', (d) => {
			out += d;
			const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
			if (m) resolve({ srv, url: 'http://127.0.0.1:' + m[1] + '/' });
		});
		srv.stderr.on('data', (d) => { out += d; });
		srv.on('exit', (code) => reject(new Error('server exited ' + code + ': ' + out)));
	});
}

async function firstDue(page) {
	return page.$$eval('#due tbody tr:first-child td', (tds) => tds.slice(0, 3).map((td) => td.textContent));
}

async function playScenario(page, url, id, how) {
	await page.goto(url);
	await page.click(`button[data-scenario="${id}"]`);
	await page.waitForSelector('#play:not([hidden])');
	await page.waitForFunction(() => document.getElementById('clock').textContent !== ''
		&& document.querySelectorAll('#due tbody tr').length > 0);
	const clock0 = await page.textContent('#clock');
	const due0 = await firstDue(page);
	check(JSON.stringify(due0) === JSON.stringify(FIRST_DUE[id]),
		`${id} ${how}: first due duty ${JSON.stringify(due0)}, expected ${JSON.stringify(FIRST_DUE[id])}`);
	const decisions = PLAYS[id][how];
	for (let i = 0; i < decisions.length; i++) {
		const d = decisions[i];
		await page.selectOption('#decision', d.decision);
		if (d.choice) await page.selectOption('#choice', d.choice);
		await page.fill('#date', d.date);
		await page.click('#act');
		await page.waitForFunction((date) => document.getElementById('clock').textContent === date
			&& !document.getElementById('feedback').hidden, d.date);
		await page.waitForFunction((n) => document.querySelectorAll('#timeline tbody tr.trainee').length === n, i + 1);
		if (i === 0) {
			await page.screenshot({ path: path.join(SHOTS, `exercise-${id}-${how}-first-decision.png`), fullPage: true });
		}
	}
	check(clock0 !== '' && (await page.textContent('#error')) === '', `${id} ${how}: no error shown`);
	await page.click('#finish');
	await page.waitForSelector('#debrief:not([hidden])');
	const score = await page.textContent('#score');
	check(score === SCORES[id][how], `${id} ${how}: "${score}", expected "${SCORES[id][how]}"`);
	const saved = await page.textContent('#saved');
	check(/^Your run is saved as [0-9a-f]{16}\.json\.$/.test(saved), `${id} ${how}: the run is saved (${saved})`);
	await page.screenshot({ path: path.join(SHOTS, `exercise-${id}-${how}-debrief.png`), fullPage: true });
	return page.$$eval('#debrief-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
}

async function main() {
	fs.mkdirSync(SHOTS, { recursive: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casecheck-browser-'));
	const { srv, url } = await startServer(path.join(work, 'results'));
	const browser = await launch();
	try {
		const page = await browser.newPage();
		const pageErrors = [];
		page.on('pageerror', (e) => pageErrors.push(String(e)));

		for (const id of Object.keys(SCORES)) {
			for (const how of ['well', 'badly']) {
				const rows = await playScenario(page, url, id, how);
				const byTitle = Object.fromEntries(rows.map((r) => [r[0], r]));
				if (id === 'carrick-2019' && how === 'badly') {
					const nfa = byTitle['A criminal NFA does not close the conduct matter'] || Object.values(byTitle).find((r) => /NFA/.test(r[0]));
					check(nfa && nfa[1] === 'fail' && nfa[2] === '0/2' && /28 days/.test(nfa[3]),
						`carrick-2019 badly: the NFA step missed, with what should have happened: ${JSON.stringify(nfa)}`);
				}
				if (id === 'carrick-2002' && how === 'badly') {
					const intake = byTitle['The allegation reaches professional standards'];
					check(intake && intake[1] === 'fail' && /Refer it to the DPS within 5 working days/.test(intake[3])
						&& /Police \(Conduct\) Regulations 1999/.test(intake[4]),
						`carrick-2002 badly: routing to the DPS missed, with the law: ${JSON.stringify(intake)}`);
				}
			}
		}

		/* after a decision, what it met; what is due next, by when */
		await page.goto(url);
		await page.click('button[data-scenario="first-week"]');
		await page.waitForSelector('#play:not([hidden])');
		await page.waitForFunction(() => document.getElementById('clock').textContent === '2024-03-04');
		await page.selectOption('#decision', 'record');
		await page.fill('#date', '2024-03-05');
		await page.click('#act');
		await page.waitForFunction(() => !document.getElementById('feedback').hidden);
		const fb = await page.$$eval('#feedback-list li', (lis) => lis.map((li) => li.textContent));
		// recording the conduct matter is also the record of the route decision
		check(fb.length === 2 && fb[0].startsWith('Met: The appropriate authority records a conduct matter (Police Reform Act 2002, Sch 3 para 11') &&
			fb[1].startsWith('Met: The appropriate authority decides whether the allegation is a complaint, a conduct matter or neither (Police Reform Act 2002, s.12'),
			`first-week: feedback after recording ${JSON.stringify(fb)}`);
		const due = await firstDue(page);
		check(JSON.stringify(due) === JSON.stringify(['2024-03-05', '0', 'Mandatory referral to the IOPC (IPCC)']),
			`first-week: IOPC referral due today ${JSON.stringify(due)}`);
		/* waiting past a deadline makes it overdue, and missed */
		await page.fill('#wait-date', '2024-03-07');
		await page.click('#wait');
		await page.waitForFunction(() => document.getElementById('clock').textContent === '2024-03-07');
		const overdue = await page.$$eval('#due tbody tr', (trs) => trs.map((tr) => tr.children[2].textContent));
		check(overdue.includes('Mandatory referral to the IOPC (IPCC) (overdue)'), `first-week: overdue referral shown ${JSON.stringify(overdue)}`);
		/* a decision dated before the clock is refused by the page itself */
		await page.fill('#date', '2024-03-06');
		await page.click('#act');
		const refused = await page.evaluate(() => document.getElementById('date').validity.rangeUnderflow
			&& document.querySelectorAll('#timeline tbody tr.trainee').length === 1);
		check(refused, 'first-week: a date before the clock is refused and adds nothing');
		/* and a refusal by the server is shown in its words: a choice the scenario does not offer */
		await page.selectOption('#decision', 'severity');
		await page.evaluate(() => {
			const o = document.createElement('option');
			o.value = 'awful';
			o.textContent = 'awful';
			document.getElementById('choice').appendChild(o);
		});
		await page.selectOption('#choice', 'awful');
		await page.fill('#date', '2024-03-08');
		await page.click('#act');
		await page.waitForSelector('#error:not([hidden])');
		const err = await page.textContent('#error');
		check(err === "decision 2: 'severity' needs a choice of outcome", `first-week: the server's refusal is shown: ${err}`);
		await page.screenshot({ path: path.join(SHOTS, 'exercise-first-week-refused.png'), fullPage: true });
		check(pageErrors.length === 0, 'no script errors in the page: ' + pageErrors.join('; '));
	} finally {
		await browser.close();
		srv.kill('SIGTERM');
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`browser exercise: ${passed} passed, ${failures.length} failed (screenshots in ${SHOTS})`);
	process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
	console.error('browser exercise: ' + (e && e.stack || e));
	process.exit(1);
});
