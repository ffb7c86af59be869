#!/usr/bin/env node
// The whole test suite in one command: type check, unit and integration tests
// (embedded engine always, PostgreSQL when DATABASE_URL is set), then browser
// journeys when Chromium is installed. Ends with one summary line and says
// plainly what was skipped and why.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results = { passed: 0, failed: 0, skipped: 0 };
const notes = [];
let exitCode = 0;

function run(title, cmd, args) {
  process.stdout.write(`\n== ${title} ==\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) exitCode = 1;
  return r.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

rmSync('.test-results/vitest.json', { force: true });
rmSync('.test-results/playwright.json', { force: true });

if (!run('Type check', 'npx', ['tsc', '--noEmit', '-p', '.'])) notes.push('The type check failed.');

run('Unit and integration tests', 'npx', ['vitest', 'run']);
const v = readJson('.test-results/vitest.json');
if (v) {
  results.passed += v.numPassedTests;
  results.failed += v.numFailedTests;
  results.skipped += v.numPendingTests + v.numTodoTests;
  if (v.numFailedTestSuites > 0 && v.numFailedTests === 0) results.failed += v.numFailedTestSuites;
} else {
  notes.push('Vitest wrote no report.');
  exitCode = 1;
}
if (!process.env.DATABASE_URL) notes.push('SKIPPED: integration tests on PostgreSQL (DATABASE_URL is not set; they ran on the embedded engine only).');

if (existsSync(CHROMIUM)) {
  run('Browser tests (Playwright, Debian Chromium)', 'npx', ['playwright', 'test']);
  const p = readJson('.test-results/playwright.json');
  if (p) {
    results.passed += p.stats.expected + p.stats.flaky;
    results.failed += p.stats.unexpected;
    results.skipped += p.stats.skipped;
  } else {
    notes.push('Playwright wrote no report.');
    exitCode = 1;
  }
} else {
  notes.push(`SKIPPED: browser tests (no Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium).`);
}

process.stdout.write('\n== Summary ==\n');
for (const n of notes) process.stdout.write(`${n}\n`);
process.stdout.write(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`);
if (results.failed > 0) exitCode = 1;
process.exit(exitCode);
