// Builds the static Storybook (`npm run build-storybook`) into a temporary folder and checks
// that every story of <virtual-bg-camera> is in its index. Needs no browser and no network.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const TITLE = 'virtual-bg-camera';
const STORY_IDS = [
  // one per mode
  'passthrough',
  'blur-light',
  'blur-medium',
  'blur-strong',
  'colour',
  'image',
  'image-contain',
  'image-fill',
  'video',
  'video-source',
  'mirror',
  // error states
  'camera-denied',
  'model-failure',
].map((name) => `${TITLE}--${name}`);

const BUILD_TIMEOUT_MS = 5 * 60_000;
const outDir = mkdtempSync(join(tmpdir(), 'vbg-storybook-'));

/** Runs the build script, resolving with its exit code and the tail of its output. */
function buildStorybook() {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build-storybook', '--', '--quiet', '--output-dir', outDir], {
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`build-storybook took over ${BUILD_TIMEOUT_MS / 1000} s:\n${output}`));
    }, BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

before(async () => {
  const { code, output } = await buildStorybook();
  assert.equal(code, 0, `build-storybook failed:\n${output}`);
}, { timeout: BUILD_TIMEOUT_MS + 10_000 });

after(() => rmSync(outDir, { recursive: true, force: true }));

test('the static Storybook has its manager and preview pages', () => {
  assert.ok(existsSync(join(outDir, 'index.html')), 'index.html');
  assert.ok(existsSync(join(outDir, 'iframe.html')), 'iframe.html');
});

test('index.json lists every virtual-bg-camera story under its component title', () => {
  const { entries } = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'));
  for (const id of STORY_IDS) {
    assert.ok(entries[id], `${id} is missing from index.json`);
    assert.equal(entries[id].type, 'story', id);
    assert.equal(entries[id].title, TITLE, id);
  }
});

test('the bundled backgrounds and sample clip are served next to the stories', () => {
  for (const file of ['backgrounds/aurora.jpg', 'backgrounds/office.jpg', 'backgrounds/stripes.jpg', 'samples/astronaut.webm']) {
    assert.ok(existsSync(join(outDir, 'assets', file)), `assets/${file}`);
  }
});
