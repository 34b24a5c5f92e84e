/*
 * exercise.js: the trainee's page. It keeps the decisions taken so far and
 * sends them all on every request (the server keeps nothing per trainee);
 * each answer redraws the timeline, what is due, the record and, at the
 * end, the debrief. Plain DOM, no framework; text always goes in as text.
 */
'use strict';

const $ = (id) => document.getElementById(id);
const state = { scenarios: [], scenario: null, decisions: [], clock: null, waited: null };

function text(tag, s, cls) {
	const el = document.createElement(tag);
	el.textContent = s == null ? '' : String(s);
	if (cls) el.className = cls;
	return el;
}

function row(cells, cls) {
	const tr = document.createElement('tr');
	if (cls) tr.className = cls;
	for (const c of cells) tr.appendChild(c instanceof Node ? c : text('td', c));
	return tr;
}

function showError(msg) {
	$('error').textContent = msg;
	$('error').hidden = !msg;
}

async function call(path, body) {
	const resp = await fetch(path, body ? {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
	} : {});
	let data;
	try { data = await resp.json(); } catch (e) { data = { error: 'the server sent no JSON (' + resp.status + ')' }; }
	if (!resp.ok) throw new Error(data.error || ('HTTP ' + resp.status));
	return data;
}

function statusCell(status) {
	return text('td', status.replace('_', ' '), 'status-' + status);
}

function drawScenarios() {
	const ul = $('scenario-list');
	ul.replaceChildren();
	for (const sc of state.scenarios) {
		const li = document.createElement('li');
		li.appendChild(text('strong', sc.title));
		li.appendChild(text('p', sc.briefing));
		const b = text('button', 'Start');
		b.type = 'button';
		b.dataset.scenario = sc.id;
		b.addEventListener('click', () => start(sc.id));
		li.appendChild(b);
		ul.appendChild(li);
	}
}

function drawDecisions(sc) {
	const sel = $('decision');
	sel.replaceChildren();
	for (const d of sc.decisions) {
		const o = text('option', d.prompt);
		o.value = d.id;
		sel.appendChild(o);
	}
	drawChoices();
}

function drawChoices() {
	const d = state.scenario.decisions.find((x) => x.id === $('decision').value);
	const sel = $('choice');
	sel.replaceChildren();
	$('choice-label').hidden = !(d && d.choices);
	if (d && d.choices)
		for (const c of d.choices) {
			const o = text('option', c.replaceAll('_', ' '));
			o.value = c;
			sel.appendChild(o);
		}
}

function draw(res) {
	state.clock = res.clock;
	$('clock').textContent = res.clock;
	$('end').textContent = res.end;
	for (const id of ['date', 'wait-date']) {
		$(id).min = res.clock;
		$(id).max = res.end;
		if (!$(id).value || $(id).value < res.clock) $(id).value = res.clock;
	}
	const tl = $('timeline').tBodies[0];
	tl.replaceChildren();
	for (const ev of res.timeline)
		tl.appendChild(row([ev.date, ev.type.replaceAll('_', ' ') + (ev.description ? ': ' + ev.description : ''), ev.by || ''],
			ev.trainee ? 'trainee' : ''));
	const due = $('due').tBodies[0];
	due.replaceChildren();
	for (const d of res.due)
		due.appendChild(row([d.due_by + (d.due_from !== d.due_by ? ' (from ' + d.due_from + ')' : ''),
			d.working_days_left == null ? '?' : String(d.working_days_left),
			text('td', d.title + (d.status === 'fail' ? ' (overdue)' : '')), text('td', d.cite, 'cite')],
			'due-' + d.status));
	$('nothing-due').hidden = res.due.length > 0;
	const fs = $('findings').tBodies[0];
	fs.replaceChildren();
	for (const f of res.findings)
		fs.appendChild(row([f.title, statusCell(f.status), f.message, text('td', f.cite, 'cite')]));
	/* after a decision: what it met, late or not, and what is missed by now */
	const fb = $('feedback-list');
	fb.replaceChildren();
	if (res.last) {
		for (const f of res.findings) {
			if (f.evidence === res.last && (f.status === 'pass' || f.status === 'late'))
				fb.appendChild(text('li', (f.status === 'pass' ? 'Met: ' : 'Late: ') + f.title + ' (' + f.cite + ')',
					f.status === 'pass' ? 'fb-met' : 'fb-late'));
		}
		for (const f of res.findings)
			if (f.status === 'fail')
				fb.appendChild(text('li', 'Missed: ' + f.title + ' (' + f.cite + ')', 'fb-missed'));
		if (!fb.children.length)
			fb.appendChild(text('li', 'This decision met no duty by itself yet.'));
	}
	$('feedback').hidden = !res.last;
}

function drawDebrief(res) {
	$('play').hidden = true;
	$('debrief').hidden = false;
	$('score').textContent = 'Score: ' + res.debrief.score + '% (' + res.debrief.points + ' of ' + res.debrief.max + ' points)';
	$('summary').textContent = res.debrief.summary || '';
	const tb = $('debrief-table').tBodies[0];
	tb.replaceChildren();
	for (const f of res.findings)
		tb.appendChild(row([f.title, statusCell(f.status), f.max ? f.points + '/' + f.max : 'not scored',
			f.advice || f.message, text('td', f.cite, 'cite')]));
	$('saved').textContent = 'Your run is saved as ' + res.run + '.json.';
}

/* The clock: the last decision's date, or later when the trainee waited. */
async function play() {
	const body = { scenario: state.scenario.id, decisions: state.decisions };
	const last = state.decisions.length ? state.decisions[state.decisions.length - 1].date : null;
	if (state.waited && (!last || state.waited > last)) body.clock = state.waited;
	return call('/api/play', body);
}

async function start(id) {
	showError('');
	state.scenario = state.scenarios.find((s) => s.id === id);
	state.decisions = [];
	state.waited = null;
	$('scenarios').hidden = true;
	$('debrief').hidden = true;
	$('play').hidden = false;
	$('play-title').textContent = state.scenario.title;
	$('briefing').textContent = state.scenario.briefing;
	$('date').value = '';
	$('wait-date').value = '';
	/* nothing of the last scenario stays on screen while this one loads */
	$('clock').textContent = '';
	for (const t of ['timeline', 'due', 'findings']) $(t).tBodies[0].replaceChildren();
	$('feedback').hidden = true;
	drawDecisions(state.scenario);
	try { draw(await play()); } catch (e) { showError(e.message); }
}

async function act(ev) {
	ev.preventDefault();
	showError('');
	const d = { decision: $('decision').value, date: $('date').value };
	if (!$('choice-label').hidden) d.choice = $('choice').value;
	if ($('note').value) d.note = $('note').value;
	state.decisions.push(d);
	try {
		draw(await play());
		$('note').value = '';
	} catch (e) {
		state.decisions.pop();
		showError(e.message);
	}
}

async function wait(ev) {
	ev.preventDefault();
	showError('');
	const before = state.waited;
	state.waited = $('wait-date').value;
	try {
		const res = await play();
		res.last = undefined;
		draw(res);
	} catch (e) {
		state.waited = before;
		showError(e.message);
	}
}

async function finish() {
	showError('');
	try {
		drawDebrief(await call('/api/finish', { scenario: state.scenario.id, decisions: state.decisions }));
	} catch (e) { showError(e.message); }
}

async function init() {
	$('decision').addEventListener('change', drawChoices);
	$('act-form').addEventListener('submit', act);
	$('wait-form').addEventListener('submit', wait);
	$('finish').addEventListener('click', finish);
	$('again').addEventListener('click', () => {
		$('debrief').hidden = true;
		$('scenarios').hidden = false;
	});
	try {
		state.scenarios = (await call('/api/scenarios')).scenarios;
		drawScenarios();
	} catch (e) { showError(e.message); }
}

init();
