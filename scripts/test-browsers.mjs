// Runs the browser test suite in Chromium, Firefox and WebKit (and on request WebKit with WebGL in workers),
// one engine after another (the tests are CPU-heavy and timing-sensitive), and prints each
// engine's counts at the end. Starts Xvfb and WebKitWebDriver on a free display and port and
// stops them again, also on Ctrl-C. Installs missing browsers with apt when it runs as root.
//
// Usage: node scripts/test-browsers.mjs [--engine NAME[,NAME…]] [test files / web-test-runner args…]
// NAME: chromium, firefox, webkit, webkit-webgl-workers (default: the first three; or VBG_ENGINE).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_ENGINE_NAMES, ENGINE_NAMES, ENGINES, missingFor } from '../test/support/engines.mjs';
import { startWebKitWebDriver, startXvfb, stopAllServices } from '../test/support/services.mjs';
import { webKitWebDriverPath } from '../test/support/webkit.mjs';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
/** web-test-runner's CLI script (its package.json is not exported, so walk up from its entry). */
const runnerBin = (() => {
  let dir = dirname(require.resolve('@web/test-runner'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin['web-test-runner']);
})();

/** Ends the script with a message and no stack trace. */
function fail(message, code = 1) {
  console.error(`\n${message}\n`);
  stopAllServices();
  process.exit(code);
}

// --- arguments -------------------------------------------------------------------------
const args = process.argv.slice(2);
let engineNames = process.env.VBG_ENGINE ? [process.env.VBG_ENGINE] : DEFAULT_ENGINE_NAMES;
const runnerArgs = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--engine' || arg === '--engines') engineNames = (args[++i] ?? '').split(',').filter(Boolean);
  else if (arg.startsWith('--engine=') || arg.startsWith('--engines=')) engineNames = arg.split('=')[1].split(',').filter(Boolean);
  else runnerArgs.push(arg);
}
const unknown = engineNames.filter((name) => !ENGINES[name]);
if (unknown.length || engineNames.length === 0) {
  fail(`Unknown engine ${unknown.map((name) => `"${name}"`).join(', ') || '(none given)'}: use one or more of ${ENGINE_NAMES.join(', ')}.`);
}
const engines = engineNames.map((name) => ({ name, ...ENGINES[name] }));

// --- missing browsers ------------------------------------------------------------------
function missingPackages() {
  const missing = engines.map((engine) => ({ engine, ...missingFor(engine) })).filter(({ missing }) => missing.length);
  return { missing, packages: [...new Set(missing.flatMap(({ packages }) => packages))] };
}

const { missing, packages } = missingPackages();
if (missing.length) {
  const what = missing.map(({ engine, missing }) => `  ${engine.label}: ${missing.join(', ')}`).join('\n');
  const canInstall = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    fail(`Missing browsers or tools:\n${what}\nInstall them (Debian/Ubuntu) with:\n  sudo apt-get install -y ${packages.join(' ')}`);
  }
  console.log(`Missing:\n${what}\nInstalling ${packages.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Waits for another apt/dpkg run to release its lock rather than failing at once.
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  for (const command of [['update', '-qq'], ['install', '-y', '-qq', ...packages]]) {
    const result = spawnSync('apt-get', [...lock, ...command], { stdio: 'inherit', env });
    if (result.status !== 0) fail(`apt-get ${command[0]} failed; install them by hand: apt-get install -y ${packages.join(' ')}`);
  }
}

// --- one engine ------------------------------------------------------------------------
// Each run's per-file counts (JSON); kept when VBG_RESULTS_DIR names the folder.
const keepResults = Boolean(process.env.VBG_RESULTS_DIR);
const resultsDir = keepResults ? resolve(process.env.VBG_RESULTS_DIR) : mkdtempSync(join(tmpdir(), 'vbg-test-results-'));
mkdirSync(resultsDir, { recursive: true });
let xvfb;
let current; // { child, driver }
let interrupted = false;

/** Per-engine wall-clock cap, so one hung run cannot stall the others (VBG_ENGINE_TIMEOUT_MIN). */
const engineTimeoutMs = Number(process.env.VBG_ENGINE_TIMEOUT_MIN || 30) * 60_000;
/** All browser runs together stop after this (VBG_TEST_BUDGET_MIN), so CI's 90 minutes are never at risk. */
const deadline = Date.now() + Number(process.env.VBG_TEST_BUDGET_MIN || 55) * 60_000;

async function runEngine(engine, args = runnerArgs, attempt = '') {
  const started = Date.now();
  const timeoutMs = Math.min(engineTimeoutMs, deadline - started);
  if (timeoutMs < 60_000) return { engine, code: 1, note: 'not run: the time budget is spent', ms: 0, results: undefined };
  const resultsFile = join(resultsDir, `${engine.name}${attempt}.json`);
  const env = { ...process.env, VBG_ENGINE: engine.name, VBG_RESULTS_FILE: resultsFile };
  delete env.VBG_WEBDRIVER_PORT;
  let driver;
  let note = '';
  try {
    if (engine.launcher !== 'chromium') {
      xvfb ??= await startXvfb();
      env.VBG_DISPLAY = xvfb.display;
    }
    if (engine.launcher === 'webkit') {
      driver = await startWebKitWebDriver({ binary: webKitWebDriverPath, env: { ...process.env, DISPLAY: xvfb.display } });
      env.VBG_WEBDRIVER_PORT = String(driver.port);
    }
    console.log(`\n=== ${engine.label} (VBG_ENGINE=${engine.name}${env.VBG_DISPLAY ? `, DISPLAY ${env.VBG_DISPLAY}` : ''}${driver ? `, WebKitWebDriver :${driver.port}` : ''}) ===\n`);
    const child = spawn(process.execPath, [runnerBin, ...args], { cwd: root, env, stdio: 'inherit' });
    current = { child };
    const timer = setTimeout(() => {
      note = `stopped after ${Math.round(timeoutMs / 60_000)} min`;
      console.error(`\n${engine.label}: ${note}.`);
      stopChild(child);
    }, timeoutMs);
    const { code, signal } = await new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
    clearTimeout(timer);
    current = undefined;
    return { engine, code: code ?? 1, signal, note, ms: Date.now() - started, results: readResults(resultsFile) };
  } catch (error) {
    return { engine, code: 1, note: error.message.split('\n')[0], ms: Date.now() - started, results: readResults(resultsFile) };
  } finally {
    await driver?.close();
  }
}

/** SIGINT lets the runner close its browser; SIGKILL if it is still there 30 s later. */
function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  timer.unref();
  child.once('exit', () => clearTimeout(timer));
}

function readResults(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// --- the table -------------------------------------------------------------------------
function summarize(runs) {
  const rows = runs.map(({ engine, code, signal, note, ms, results }) => {
    const files = results?.files ?? [];
    const sum = (key) => files.reduce((total, file) => total + file[key], 0);
    const fileErrors = files.filter((file) => file.errors.length).length;
    const ok = code === 0 && !signal && results !== undefined && sum('failed') === 0 && fileErrors === 0;
    return {
      ok,
      cells: [
        engine.label,
        results ? String(sum('passed')) : '-',
        results ? String(sum('failed')) : '-',
        results ? String(sum('skipped')) : '-',
        results ? `${fileErrors}/${files.length}` : '-',
        formatTime(ms),
        ok ? 'ok' : note || (signal ? `killed (${signal})` : `FAILED (exit ${code})`),
      ],
      files,
    };
  });
  const header = ['engine', 'passed', 'failed', 'skipped', 'file errors', 'time', 'result'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row.cells[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row.cells));
  for (const [i, run] of runs.entries()) {
    for (const retried of run.retried ?? []) console.log(`  ${rows[i].cells[0]}: ran again: ${retried}`);
  }
  for (const row of rows) {
    for (const file of row.files.filter((file) => file.errors.length)) {
      console.log(`  ${row.cells[0]}: ${file.file}: ${file.errors[0].split('\n')[0]}`);
    }
  }
  return rows.every((row) => row.ok);
}

function formatTime(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

// --- main ------------------------------------------------------------------------------
const runs = [];

async function finish(code) {
  await xvfb?.close();
  stopAllServices();
  if (!keepResults) rmSync(resultsDir, { recursive: true, force: true });
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the test run…`);
    // The runner usually got the terminal's SIGINT too; a second one is harmless.
    if (current) stopChild(current.child);
    else finish(130);
  });
}

/**
 * Test files that failed are run once more, alone, and their second results count: on two
 * shared cores, timing-sensitive files fail now and then under load from other processes.
 * The table says which files needed the second run, so a flaky file stays visible.
 */
/** Test files under `dir` (`*.test.ts`), sorted as web-test-runner sorts them. */
function testFiles(dir = 'test') {
  const found = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...testFiles(path));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found.sort();
}

/**
 * Every engine gets a fresh browser every few files: after half a dozen test pages (each
 * decodes the 62 MB webcam clip) Firefox stops loading new ones, and a Chromium kept for the
 * whole suite slows down until a test page no longer starts within two minutes.
 */
const FILES_PER_BROWSER = 4;

async function runEngineInBatches(engine) {
  const named = runnerArgs.filter((arg) => !arg.startsWith('-'));
  if (named.length) return runEngine(engine);
  const options = runnerArgs.filter((arg) => arg.startsWith('-'));
  const files = testFiles();
  const batches = [];
  for (let i = 0; i < files.length; i += FILES_PER_BROWSER) {
    if (interrupted) break;
    batches.push(await runEngine(engine, [...options, ...files.slice(i, i + FILES_PER_BROWSER)], `.${i}`));
  }
  return {
    engine,
    code: batches.every((batch) => batch.code === 0) ? 0 : 1,
    note: batches.map((batch) => batch.note).find(Boolean) ?? '',
    ms: batches.reduce((total, batch) => total + batch.ms, 0),
    results: batches.some((batch) => batch.results)
      ? { engine: engine.name, files: batches.flatMap((batch) => batch.results?.files ?? []) }
      : undefined,
  };
}

async function runEngineWithRetry(engine) {
  const first = await runEngineInBatches(engine);
  const failed = (first.results?.files ?? []).filter((file) => file.failed > 0 || file.errors.length);
  if (interrupted || first.note || !first.results || failed.length === 0 || failed.length > 4) return first;
  console.log(`\n${engine.label}: running ${failed.length} failed file(s) once more: ${failed.map((file) => file.file).join(', ')}\n`);
  const options = runnerArgs.filter((arg) => arg.startsWith('-'));
  const second = await runEngine(engine, [...options, ...failed.map((file) => file.file)], '.retry');
  const retried = new Map((second.results?.files ?? []).map((file) => [file.file, file]));
  const files = first.results.files.map((file) => retried.get(file.file) ?? file);
  const stillFailing = files.some((file) => file.failed > 0 || file.errors.length);
  return {
    ...first,
    code: stillFailing ? 1 : 0,
    ms: first.ms + second.ms,
    results: { ...first.results, files },
    retried: failed.map((file) => `${file.file} (${retried.get(file.file)?.failed === 0 && !retried.get(file.file)?.errors.length ? 'passed' : 'failed'} on its second run)`),
  };
}

for (const engine of engines) {
  if (interrupted) break;
  runs.push(await runEngineWithRetry(engine));
}
const allOk = summarize(runs);
if (interrupted) console.error('\nInterrupted: the table shows the engines that ran.');
await finish(interrupted ? 130 : allOk ? 0 : 1);
