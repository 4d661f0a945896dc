import express, { type RequestHandler, type Router } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { cspNonce } from './security/security-headers';

/** Files the Angular build names by content (`chunk-ABCD1234.js`, `media/roboto-...-ABCD1234.woff2`): they never change. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
const COMPRESSIBLE = /\.(js|css)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const gzipAsync = promisify(gzip);

/**
 * The built UI: index.html with a fresh CSP nonce per response (never stored: the nonce must not be reused), hashed
 * assets cached for a year without revalidation, anything else (favicon) revalidated; hashed JS and CSS gzip-compressed
 * once, off the event loop, on their first request, and kept in memory (~440 kB for ~1.5 MB of bundles).
 */
export function uiRoutes(uiDir: string): Router {
  const router = express.Router();
  // the build marks index.html's inline styles and Angular's root with a placeholder nonce: each response gets its own
  const index = readFileSync(join(uiDir, 'index.html'), 'utf8');
  const sendIndex: RequestHandler = (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(index.replaceAll('WERKBANK_CSP_NONCE', cspNonce(res)));
  };
  router.get(['/', '/index.html'], sendIndex);
  router.get('/:file', precompressed(uiDir));
  router.use(express.static(uiDir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', HASHED.test(basename(path)) ? IMMUTABLE : 'no-cache'),
  }));
  router.get('/{*splat}', sendIndex);
  return router;
}

function precompressed(uiDir: string): RequestHandler {
  const names = new Set(readdirSync(uiDir).filter((name) => HASHED.test(name) && COMPRESSIBLE.test(name)));
  const cache = new Map<string, Promise<Buffer>>();
  return (req, res, next) => {
    const name = String(req.params['file']);
    if (!names.has(name)) return next();
    res.vary('Accept-Encoding');
    if (!req.acceptsEncodings('gzip')) return next();
    let body = cache.get(name);
    if (!body) {
      body = readFile(join(uiDir, name)).then((raw) => gzipAsync(raw, { level: 9 }));
      body.catch(() => cache.delete(name));
      cache.set(name, body);
    }
    body.then((gz) => {
      res.setHeader('Cache-Control', IMMUTABLE);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', gz.length);
      res.type(extname(name)).end(req.method === 'HEAD' ? undefined : gz);
    }, next);
  };
}
