/*
 * report.test.js: the HTML report as a person sees it, in headless Chromium.
 *
 * Renders `casecheck run --format html` over the Carrick fixtures and checks,
 * at 360, 1024 and 1600 px: no horizontal overflow, the legend shown, the
 * cases with failures first and the failures first in each case, a message
 * column that keeps its width, every text's contrast against its background
 * at least 4.5:1 (WCAG AA); with JavaScript the filters work, without it
 * every finding is shown; printed (A4) nothing is hidden. Screenshots and the
 * PDF stay under OUTDIR as artefacts.
 *
 * usage: node tests/browser/report.test.js path/to/casecheck OUTDIR
 * Prints "browser: N passed, M failed"; exits 1 when any check failed.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { launch } = require('./launch.js');

const [bin, outdir] = process.argv.slice(2);
if (!bin || !outdir) {
	console.error('usage: node tests/browser/report.test.js path/to/casecheck OUTDIR');
	process.exit(2);
}
const root = path.resolve(__dirname, '../..');
fs.mkdirSync(outdir, { recursive: true });
const page_file = path.resolve(outdir, 'carrick.html');
try {
	execFileSync(path.resolve(bin), ['run', '--format', 'html', '-o', page_file, 'fixtures/carrick'],
		{ cwd: root, env: Object.assign({}, process.env, { NO_COLOR: '1' }) });
} catch (e) {
	if (e.status !== 1) throw e;	/* 1: findings failed, which is what the report shows */
}
const url = 'file://' + page_file;

let pass = 0, fail = 0;
function check(name, ok, detail) {
	if (ok) { pass++; return; }
	fail++;
	console.log('FAIL ' + name + (detail ? ': ' + detail : ''));
}

/* In the page: what a reader sees. */
function looks() {
	const vis = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) &&
		getComputedStyle(e).visibility !== 'hidden';
	const rows = Array.from(document.querySelectorAll('tr.f'));
	const rank = ['error', 'fail', 'late', 'unknown', 'pending', 'pass', 'not_applicable'];
	let ordered = true;
	document.querySelectorAll('section.case').forEach((s) => {
		let last = 0;
		s.querySelectorAll('tr.f').forEach((r) => {
			const k = rank.indexOf(r.dataset.status);
			if (k < last) ordered = false;
			last = k;
		});
	});
	const firstCase = document.querySelector('section.case');
	const msg = document.querySelector('tr.f td.msg');
	const table = msg.closest('table');
	const legend = document.getElementById('legend');
	return {
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
		legend: !!legend && vis(legend) && legend.querySelectorAll('dt').length >= 7,
		ordered,
		firstCaseFails: !!firstCase.querySelector('tr.f[data-status="fail"]'),
		rows: rows.length,
		visibleRows: rows.filter(vis).length,
		filtersVisible: vis(document.getElementById('filters')),
		msgWidth: msg.getBoundingClientRect().width,
		tableWidth: table.getBoundingClientRect().width,
		stepOverflow: Array.from(document.querySelectorAll('td.step code')).filter((c) =>
			c.scrollWidth > c.closest('td').clientWidth + 1).length,
	};
}

/* In the page: every visible text's contrast ratio against its background. */
function contrasts() {
	const parse = (c) => {
		const m = c.match(/rgba?\(([^)]+)\)/);
		if (!m) return null;
		const v = m[1].split(',').map(Number);
		return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
	};
	const lum = (c) => {
		const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const background = (e) => {
		for (; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c.a > 0) return c;
		}
		return { r: 255, g: 255, b: 255, a: 1 };
	};
	const worst = [];
	let n = 0;
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let t = walker.nextNode(); t; t = walker.nextNode()) {
		const e = t.parentElement;
		if (!t.textContent.trim() || !e || e.closest('script,style')) continue;
		if (!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)) continue;
		const fg = parse(getComputedStyle(e).color), bg = background(e);
		const a = lum(fg), b = lum(bg);
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		n++;
		if (ratio < 4.5) worst.push(ratio.toFixed(2) + ' "' + t.textContent.trim().slice(0, 30) + '" ' +
			getComputedStyle(e).color + ' on ' + JSON.stringify(bg));
	}
	return { n, worst };
}

(async () => {
	const t0 = Date.now();
	const browser = await launch();
	try {
		for (const width of [360, 1024, 1600]) {
			const ctx = await browser.newContext({ viewport: { width, height: 1200 } });
			const page = await ctx.newPage();
			await page.goto(url);
			const l = await page.evaluate(looks);
			check(width + 'px: no horizontal overflow', l.scrollWidth <= l.clientWidth,
				l.scrollWidth + ' > ' + l.clientWidth);
			check(width + 'px: legend shown', l.legend);
			check(width + 'px: the first case has failures', l.firstCaseFails);
			check(width + 'px: failures first in every case', l.ordered);
			check(width + 'px: every finding shown', l.rows > 0 && l.visibleRows === l.rows,
				l.visibleRows + ' of ' + l.rows);
			check(width + 'px: message column keeps its width', l.msgWidth >= Math.min(280, 0.4 * l.tableWidth),
				l.msgWidth + ' px of ' + l.tableWidth);
			check(width + 'px: step ids fit their cell', l.stepOverflow === 0, l.stepOverflow + ' overflow');
			const c = await page.evaluate(contrasts);
			check(width + 'px: contrast >= 4.5 for all ' + c.n + ' texts', c.n > 100 && c.worst.length === 0,
				c.worst.slice(0, 5).join('; '));
			await page.screenshot({ path: path.join(outdir, 'report-' + width + '.png') });
			if (width === 1024) {
				/* the law a click away; a finding's anchor brings it into view */
				const links = await page.evaluate(() =>
					document.querySelectorAll('.cite a[href^="https://www.legislation.gov.uk/"]').length);
				check('citations linked to legislation.gov.uk', links > 0, links + ' links');
				const first = await page.getAttribute('tr.f', 'id');
				const anchored = await ctx.newPage();
				await anchored.goto(url + '#' + encodeURI(first));
				const seen = await anchored.evaluate((id) => {
					const r = document.getElementById(id).getBoundingClientRect();
					return r.top > -2 && r.top < innerHeight;
				}, first);
				await anchored.close();
				check('finding anchor ' + first + ' scrolls into view', seen);
				/* filters, with JavaScript */
				check('filters shown with JavaScript', l.filtersVisible);
				for (const st of ['error', 'late', 'unknown', 'pending', 'pass', 'not_applicable'])
					await page.uncheck('#filters input[value="' + st + '"]');
				let f = await page.evaluate(() => Array.from(document.querySelectorAll('tr.f'))
					.filter((r) => r.offsetHeight).map((r) => r.dataset.status));
				check('status filter: only failures', f.length > 0 && f.every((s) => s === 'fail'), f.join(','));
				await page.fill('#filters input[name=step]', 'vetting');
				f = await page.evaluate(() => Array.from(document.querySelectorAll('tr.f'))
					.filter((r) => r.offsetHeight).map((r) => r.dataset.step));
				check('step filter', f.length > 0 && f.every((s) => s.includes('vetting')), f.join(','));
				await page.fill('#filters input[name=step]', '');
				await page.selectOption('#filters select[name=matter]', 'a2016');
				f = await page.evaluate(() => Array.from(document.querySelectorAll('tr.f'))
					.filter((r) => r.offsetHeight).map((r) => r.dataset.matter + ':' + r.dataset.status));
				check('matter filter', f.length > 0 && f.every((s) => s === 'a2016:fail'), f.join(','));
				const shown = await page.textContent('#shown');
				check('filter says how many are shown', /^\d+ of \d+ findings shown$/.test(shown), shown);
				/* printed: nothing hidden, even what the filters hid */
				await page.emulateMedia({ media: 'print' });
				const p = await page.evaluate(() => ({
					rows: document.querySelectorAll('tr.f').length,
					visible: Array.from(document.querySelectorAll('tr.f')).filter((r) => r.offsetHeight).length,
					events: Array.from(document.querySelectorAll('details.events li')).filter((r) => r.offsetHeight).length,
					allEvents: document.querySelectorAll('details.events li').length,
					form: document.getElementById('filters').offsetHeight,
					thead: getComputedStyle(document.querySelector('thead')).display,
				}));
				check('print: every finding', p.visible === p.rows, p.visible + ' of ' + p.rows);
				check('print: every event listed', p.allEvents > 0 && p.events === p.allEvents, p.events + ' of ' + p.allEvents);
				check('print: no filter form', p.form === 0);
				check('print: table headers repeat', p.thead === 'table-header-group', p.thead);
				const pdf = path.join(outdir, 'report.pdf');
				await page.pdf({ path: pdf, format: 'A4', printBackground: true });
				const bytes = fs.readFileSync(pdf, 'latin1');
				const pages = (bytes.match(/\/Type\s*\/Page[^s]/g) || []).length;
				check('print: an A4 PDF', bytes.startsWith('%PDF') && /\/MediaBox\s*\[\s*0 0 595/.test(bytes) && pages > 0,
					pages + ' pages');
				console.log('browser: report.pdf has ' + pages + ' A4 pages');
			}
			await ctx.close();
		}
		/* without JavaScript: everything visible, no filter form */
		const ctx = await browser.newContext({ viewport: { width: 1024, height: 1200 }, javaScriptEnabled: false });
		const page = await ctx.newPage();
		await page.goto(url);
		const l = await page.evaluate(looks);
		check('no JavaScript: every finding shown', l.visibleRows === l.rows, l.visibleRows + ' of ' + l.rows);
		check('no JavaScript: filter form hidden', !l.filtersVisible);
		check('no JavaScript: no horizontal overflow', l.scrollWidth <= l.clientWidth);
		await page.screenshot({ path: path.join(outdir, 'report-1024-nojs.png') });
		await ctx.close();
	} finally {
		await browser.close();
	}
	console.log('browser: screenshots and PDF in ' + outdir + ' (' + ((Date.now() - t0) / 1000).toFixed(1) + ' s)');
	console.log('browser: ' + pass + ' passed, ' + fail + ' failed');
	process.exit(fail ? 1 : 0);
})().catch((e) => {
	console.error('browser: ' + (e && e.stack || e));
	process.exit(1);
});
