// Serves a static build on 127.0.0.1 with the single-page-app fallback, as any static host would.
// Usage: node scripts/serve.js [dir=build] [port=4173]
import { createServer } from 'node:http';
import sirv from 'sirv';

const dir = process.argv[2] ?? 'build';
const port = Number(process.argv[3] ?? 4173);

const assets = sirv(dir, { single: 'index.html', dev: false, etag: true, gzip: false, brotli: false });

createServer((req, res) => {
  // Workers and wasm need these to be same-origin and correctly typed; sirv sets the types.
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  assets(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  });
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${dir} on http://127.0.0.1:${port}/`);
});
