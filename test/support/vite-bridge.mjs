import { createServer, mergeConfig } from 'vite';

/** Paths the test runner itself serves: its page, client scripts and command socket. */
const isRunnerPath = (path) => path === '/' || path.startsWith('/__web-dev-server') || path.startsWith('/__web-test-runner');

/**
 * Serves everything but the test runner's own files through a Vite dev server, so tests
 * import the source exactly as `npm start` and the build see it (?raw shaders, ?url assets,
 * pre-bundled dependencies). Returns the plugin that owns Vite's lifetime and the
 * middleware that forwards requests to it.
 */
/** The runner's command socket is served by the runner, not Vite: leave its import alone. */
const runnerSocketExternal = {
  name: 'runner-socket-external',
  resolveId: (id) => (id === '/__web-dev-server__web-socket.js' ? { id, external: true } : undefined),
};

export function viteBridge(config = {}) {
  let origin;
  let server;
  return {
    plugin: {
      name: 'vite-bridge',
      async serverStart() {
        // The pre-bundled deps go in this checkout's own folder, not node_modules/.vite: worktrees
        // that share one node_modules would otherwise re-bundle over each other's running tests.
        const cacheDir = '.vite/test-deps';
        server = await createServer(mergeConfig(config, { cacheDir, plugins: [runnerSocketExternal], clearScreen: false, logLevel: 'warn', server: { hmr: false, host: '127.0.0.1', port: 5270 } }));
        await server.listen();
        // Vite moves to the next free port when 5270 is taken (another run on this machine).
        origin = server.resolvedUrls.local[0].replace(/\/$/, '');
      },
      async serverStop() {
        await server?.close();
      },
    },
    middleware: async (context, next) => {
      if (!origin || isRunnerPath(context.path)) return next();
      // Byte ranges pass through as any static server answers them: WebKit's media player
      // asks for ranges, and fails a looping video whose server ignores them.
      const range = context.get('range');
      const headers = { accept: context.get('accept') ?? '*/*', ...(range ? { range } : {}) };
      const response = await fetch(origin + context.url, { headers });
      context.status = response.status;
      for (const name of ['content-type', 'cache-control', 'etag', 'accept-ranges', 'content-range']) {
        const value = response.headers.get(name);
        if (value) context.set(name, value);
      }
      context.body = Buffer.from(await response.arrayBuffer());
    },
  };
}
