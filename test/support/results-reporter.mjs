import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/**
 * Counts a suite's tests: `{ passed, failed, skipped, ms, tests }`; `ms` sums the tests'
 * durations and `tests` lists each as `{ name, result, ms }`.
 */
function count(suite, totals = { passed: 0, failed: 0, skipped: 0, ms: 0, tests: [] }, path = []) {
  if (!suite) return totals;
  const names = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests) {
    const result = test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed';
    totals[result]++;
    totals.ms += test.duration ?? 0;
    totals.tests.push({ name: [...names, test.name].join(' > '), result, ms: test.duration ?? 0 });
  }
  for (const child of suite.suites) count(child, totals, names);
  return totals;
}

/**
 * A test-runner reporter that writes each test file's counts to `path` as JSON when the run
 * ends: `{ engine, files: [{ file, passed, failed, skipped, ms, tests, errors: [message…] }] }`.
 * `errors` are the file's own failures (it did not load, timed out, a browser crashed), which
 * leave some of its tests unreported.
 */
export function resultsReporter({ path, engine }) {
  const write = ({ sessions }) => {
    const files = sessions.map((session) => ({
      file: relative(process.cwd(), session.testFile),
      ...count(session.testResults),
      errors: session.errors.map((error) => error.message),
    }));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ engine, files }, null, 2));
  };
  return { onTestRunFinished: write, stop: write };
}
