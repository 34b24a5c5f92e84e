/*
 * launch.js: start Debian's headless Chromium for the browser tests.
 * One place for the executable path and the flags, so every browser test
 * starts the browser the same way; the background-networking flags keep
 * Chromium from reaching for Google's services on a closed network.
 */
'use strict';
const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';

function launch() {
	return chromium.launch({
		executablePath: EXECUTABLE,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync'],
	});
}

module.exports = { launch, EXECUTABLE };
