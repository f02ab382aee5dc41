// Helper processes the headed browsers need: an X server (Xvfb) for Firefox and WebKit,
// and WebKitWebDriver for WebKit. Each is started on a display or port that is free right
// now (other test runs share this machine), in its own process group, and stopped with
// that group (WebKitWebDriver's group holds the MiniBrowser it launched).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const running = new Set();

/** Stops every service still running; synchronous, so it also works in a process 'exit' handler. */
export function stopAllServices() {
  for (const service of running) service.stop();
}

let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', stopAllServices);
}

/** Runs `command` in its own process group and tracks it until `stop()`. */
function startService(name, command, args, options = {}) {
  installExitHook();
  const child = spawn(command, args, { detached: true, ...options });
  let exited = false;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      running.delete(service);
      resolve({ code, signal });
    });
  });
  const service = {
    name,
    child,
    exited: exitedPromise,
    get alive() {
      return !exited;
    },
    /** SIGTERM to the whole group (synchronous); SIGKILL follows if it is still there after 3 s. */
    stop() {
      if (exited) return;
      running.delete(service);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return; // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 3000);
      timer.unref();
      exitedPromise.then(() => clearTimeout(timer));
    },
    /** Like stop(), but resolves once the group leader has exited. */
    async close() {
      service.stop();
      await exitedPromise;
    },
  };
  child.on('error', () => {
    exited = true;
    running.delete(service);
  });
  running.add(service);
  return service;
}

/**
 * Starts Xvfb on a free display (Xvfb picks it with -displayfd, which is race-free) with a
 * 1280x1024x24 screen. Resolves to `{ display: ':N', stop, close }`.
 */
export async function startXvfb({ timeoutMs = 15_000 } = {}) {
  const service = startService('Xvfb', 'Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  service.child.stderr.on('data', (chunk) => (stderr += chunk));
  const display = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within ${timeoutMs} ms.\n${stderr}`)), timeoutMs);
    service.child.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    service.child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not start Xvfb: ${error.message}`));
    });
    service.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${signal ?? code}) before reporting a display.\n${stderr}`));
    });
  }).catch((error) => {
    service.stop();
    throw error;
  });
  // Keep draining stderr so Xvfb never blocks on a full pipe; it is only read on failure.
  service.child.stderr.on('data', () => {});
  service.display = display;
  return service;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts WebKitWebDriver on a free port with `env` (DISPLAY for the MiniBrowser it
 * launches), waits until it answers /status, and resolves to `{ port, stop, close }`.
 * A port taken between choosing and binding it is retried with another one.
 */
export async function startWebKitWebDriver({ binary = 'WebKitWebDriver', env = process.env, timeoutMs = 15_000 } = {}) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const service = startService('WebKitWebDriver', binary, [`--port=${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    let stderr = '';
    service.child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const deadline = Date.now() + timeoutMs;
    while (service.alive && Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) {
          service.port = port;
          return service;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    lastError = new Error(`WebKitWebDriver on port ${port} ${service.alive ? 'did not answer' : 'exited'}.\n${stderr}`);
    await service.close();
  }
  throw lastError;
}
