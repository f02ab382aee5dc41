// Serves a folder from the evaluation scripts' Vite dev servers (`npm run eval`, `eval:models`).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const TYPES = { '.json': 'application/json', '.bin': 'application/octet-stream', '.png': 'image/png' };

/** Connect middleware: `folder`'s files under the URL `prefix`, with the isolation headers. */
export function staticFolder(prefix, folder) {
  return (request, response, next) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) return next();
    const file = resolve(folder, `.${path.slice(prefix.length - 1)}`);
    if (!file.startsWith(folder + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    });
    createReadStream(file).pipe(response);
  };
}
