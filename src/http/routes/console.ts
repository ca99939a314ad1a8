// The web console (web/dist, built by `npm run build:web`) at `/`: hashed assets under /assets/ with
// a year-long immutable cache, every other path answers index.html so that client-side routes
// survive a reload. Paths under /api/ never fall back to the console (unknown API routes stay JSON
// 404s). Without a build, a short page says how to make one.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';

const DEFAULT_CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const MISSING_PAGE = `<!doctype html><meta charset="utf-8"><title>dnswarden console</title>
<body style="font:16px system-ui,sans-serif;max-width:40em;margin:4em auto;line-height:1.5">
<h1>控制台尚未构建 · The console is not built</h1>
<p>The web console's files (web/dist) are missing. Build them with</p>
<pre style="background:#eee;padding:1em">npm run build:web</pre>
<p>then reload this page. The API (<code>/api/v1</code>), <code>/healthz</code> and <code>/metrics</code> work without it.</p>
</body>`;

/** Resolves a URL path to a file under `root`, or null when it would leave it. */
function safeFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(`${root}${path.sep}`) ? file : null;
}

async function isFile(file: string): Promise<boolean> {
  try { return (await stat(file)).isFile(); } catch { return false; }
}

export async function consoleRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const root = path.resolve(opts.deps.consoleDir ?? DEFAULT_CONSOLE_DIR);

  const sendIndex = async (reply: FastifyReply) => {
    const index = path.join(root, 'index.html');
    const body = await readFile(index).catch(() => null);
    reply.headers(SECURITY_HEADERS);
    if (!body) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(MISSING_PAGE);
    return reply.code(200).type(TYPES['.html']).header('cache-control', 'no-cache').send(body);
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = request.url.split('?')[0];
    if (urlPath === '/api' || urlPath.startsWith('/api/')) {
      return reply.code(404).send({ error: `no route ${request.method} ${urlPath}`, statusCode: 404 });
    }
    const file = safeFile(root, urlPath);
    if (!file) return reply.code(400).send({ error: 'bad path', statusCode: 400 });
    const ext = path.extname(file);
    if (ext && ext !== '.html' && await isFile(file)) {
      const hashed = urlPath.startsWith('/assets/');
      reply.headers(SECURITY_HEADERS);
      return reply.code(200).type(TYPES[ext] ?? 'application/octet-stream')
        .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
        .send(await readFile(file));
    }
    // A missing asset is a 404 (a stale page asking for an old hash must not get HTML as script).
    if (urlPath.startsWith('/assets/')) return reply.code(404).send({ error: `no file ${urlPath}`, statusCode: 404 });
    return sendIndex(reply);
  };

  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, handler);
}
