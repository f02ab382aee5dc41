import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.webm': 'video/webm',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.binarypb': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
};

/**
 * A plain static file server on 127.0.0.1 (what a user would deploy `dist/` on), with
 * cross-origin isolation headers when `isolated` so WASM threads are available, plus any
 * extra `headers` (e.g. a Content-Security-Policy). `mounts` maps URL prefixes (`/media/`) to
 * other folders, e.g. the shared test media outside the repo. `served` logs every response.
 */
export function startStaticServer(root, { isolated = true, headers: extra = {}, mounts = {} } = {}) {
  /** Every response, in order: `{ url, status, bytes }` (requests from workers included). */
  const served = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    const base = prefix ? resolve(mounts[prefix]) : root;
    const rest = prefix ? `/${path.slice(prefix.length)}` : path;
    const file = resolve(base, `.${rest.endsWith('/') ? `${rest}index.html` : rest}`);
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      served.push({ url: request.url, status: 404, bytes: 0 });
      response.writeHead(404).end();
      return;
    }
    served.push({ url: request.url, status: 200, bytes: statSync(file).size });
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' };
    if (isolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    Object.assign(headers, extra);
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) =>
    server.listen(0, '127.0.0.1', () => resolvePromise({ origin: `http://127.0.0.1:${server.address().port}`, served, close: () => server.close() })),
  );
}
