// `npm run bench`: drives the built element in headless Chromium on the fake camera and
// prints one table, measured in one run. Writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clip, openPage, root } from './browser.mjs';

const MODES = {
  none: {},
  colour: { 'background-color': '#00ff00' },
  'blur medium': { blur: 'medium' },
};

const rows = [];
const session = await openPage('bench/bench.html');
try {
  const { page } = session;
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.waitForFunction(() => typeof window.measure === 'function');
  for (const [mode, attributes] of Object.entries(MODES)) {
    const result = await page.evaluate((a) => window.measure(a), attributes);
    rows.push({ mode, ...result });
  }
} finally {
  await session.close();
}

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
console.log(`\nvirtual-bg-camera bench — fake camera: ${clip} (15 fps source)\n`);
console.log('| mode | size | output fps | inference ms p50 | render ms p50 | first frame ms | backend |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  const backend = `${row.backend ?? ''}${row.simd ? '+simd' : ''} ×${row.threads ?? '?'}${row.isolated ? ' (isolated)' : ''}`;
  console.log(
    `| ${row.mode} | ${row.size} | ${fixed(row.fps)} | ${fixed(row.inferenceMs)} | ${fixed(row.renderMs)} | ${fixed(row.firstFrameMs, 0)} | ${backend} |`,
  );
  if (row.errors.length) console.log(`  errors: ${JSON.stringify(row.errors)}`);
}
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/latest.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
console.log('\nwrote bench/results/latest.json');
