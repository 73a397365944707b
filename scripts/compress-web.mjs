// Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the built web app (dist/web), so the server
// sends them compressed at no cost per request (@fastify/static `preCompressed`). Run by `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const root = path.resolve(import.meta.dirname, '../dist/web');
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.mjs', '.woff', '.ttf']);
/** Below this a compressed copy saves less than the extra header and lookup cost. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
for (const file of files(root)) {
  if (!COMPRESSIBLE.has(path.extname(file))) continue;
  const body = fs.readFileSync(file);
  if (body.length < MIN_BYTES) continue;
  const [b, g] = await Promise.all([
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip(body, { level: 9 }),
  ]);
  fs.writeFileSync(`${file}.br`, b);
  fs.writeFileSync(`${file}.gz`, g);
  raw += body.length;
  br += b.length;
  gz += g.length;
  count += 1;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`compressed ${count} web files: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`);
