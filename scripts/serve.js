// Serves a static build on 127.0.0.1 with the single-page-app fallback, as any static host would.
// Usage: node scripts/serve.js [dir=build] [port=4173]
// With BENCH_DATA_DIR set, also serves that folder at /bench-data/, and with BENCH_RESULTS_DIR
// that one at /bench-results/ (what the Node benchmarks wrote, e.g. DuckDB's compressed summary;
// benchmarks only).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import sirv from 'sirv';

const dir = process.argv[2] ?? 'build';
const port = Number(process.argv[3] ?? 4173);

const assets = sirv(dir, { single: 'index.html', dev: false, etag: true });
const benchMounts = [
  ['/bench-data/', process.env.BENCH_DATA_DIR],
  ['/bench-results/', process.env.BENCH_RESULTS_DIR]
]
  .filter(([, root]) => root)
  .map(([prefix, root]) => ({ prefix, root: resolve(root) }));

/** The files exactly as stored (a .gz stays gzip bytes, not a Content-Encoding), for benchmarks. */
function benchFile(root, req, res) {
  const path = resolve(root, '.' + decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!path.startsWith(root + sep)) return notFound(res);
  let size;
  try {
    size = statSync(path).size;
  } catch {
    return notFound(res);
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': 'no-store'
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(path).pipe(res);
}

function notFound(res) {
  res.statusCode = 404;
  res.end('not found');
}

export function startServer() {
  return createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const mount = benchMounts.find((m) => req.url?.startsWith(m.prefix));
    if (mount) {
      req.url = req.url.slice(mount.prefix.length - 1);
      return benchFile(mount.root, req, res);
    }
    assets(req, res, () => notFound(res));
  }).listen(port, '127.0.0.1', () => {
    console.log(`serving ${dir} on http://127.0.0.1:${port}/`);
  });
}

startServer();
