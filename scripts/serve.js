// Serves a static build on 127.0.0.1 with the single-page-app fallback, as any static host would.
// Usage: node scripts/serve.js [dir=build] [port=4173]
// With BENCH_DATA_DIR set, also serves that folder at /bench-data/ (benchmarks only).
import { createServer } from 'node:http';
import sirv from 'sirv';

const dir = process.argv[2] ?? 'build';
const port = Number(process.argv[3] ?? 4173);

const assets = sirv(dir, { single: 'index.html', dev: false, etag: true });
const benchData = process.env.BENCH_DATA_DIR ? sirv(process.env.BENCH_DATA_DIR, { dev: true }) : null;

function notFound(res) {
  res.statusCode = 404;
  res.end('not found');
}

export function startServer() {
  return createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (benchData && req.url?.startsWith('/bench-data/')) {
      req.url = req.url.slice('/bench-data'.length);
      return benchData(req, res, () => notFound(res));
    }
    assets(req, res, () => notFound(res));
  }).listen(port, '127.0.0.1', () => {
    console.log(`serving ${dir} on http://127.0.0.1:${port}/`);
  });
}

startServer();
