import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { securityHeaders } from './security/security-headers';
import { IMMUTABLE, uiRoutes } from './ui-static';

/** Raw HTTP (fetch would decompress and hide Content-Encoding). */
function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('built UI serving', () => {
  const script = `console.log(${JSON.stringify('werkbank '.repeat(2000))});`;
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    // given a built UI: index.html with the nonce placeholder, hashed chunks and fonts, an unhashed favicon
    dir = mkdtempSync(join(tmpdir(), 'wb-ui-static-'));
    writeFileSync(join(dir, 'index.html'), '<html><head><style nonce="WERKBANK_CSP_NONCE">b{}</style></head><body><wb-root ngCspNonce="WERKBANK_CSP_NONCE"></wb-root></body></html>');
    writeFileSync(join(dir, 'chunk-AB12CD34.js'), script);
    writeFileSync(join(dir, 'styles-EXMWYT4M.css'), 'body { margin: 0 }');
    writeFileSync(join(dir, 'favicon.ico'), 'icon');
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'media', 'roboto-latin-400-normal-LOX3CHMS.woff2'), 'font');
    const app = express();
    app.use(...securityHeaders({ hsts: false }), uiRoutes(dir));
    server = await startTestServer(app);
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should send a hashed chunk gzip-compressed, cached for a year without revalidation', async () => {
    // when a browser that accepts gzip asks for a chunk, twice
    const first = await fetchRaw(`${server.baseUrl}/chunk-AB12CD34.js`, { 'accept-encoding': 'gzip, deflate, br' });
    const second = await fetchRaw(`${server.baseUrl}/chunk-AB12CD34.js`, { 'accept-encoding': 'gzip' });
    // then it gets the same compressed bytes, which unpack to the file, with immutable caching
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['content-type']).toMatch(/javascript/);
    expect(first.headers['cache-control']).toBe(IMMUTABLE);
    expect(first.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(first.body.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(first.body).toString()).toBe(script);
    expect(second.body.equals(first.body)).toBe(true);
  });

  it('should send a hashed chunk uncompressed to a client that does not accept gzip, still immutable', async () => {
    // when a client without gzip asks for the chunk
    const res = await fetchRaw(`${server.baseUrl}/chunk-AB12CD34.js`, { 'accept-encoding': 'identity' });
    // then it gets the plain file
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(script);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('should cache hashed media for a year and make the browser revalidate unhashed files', async () => {
    // when asking for a hashed font and the favicon
    const font = await fetchRaw(`${server.baseUrl}/media/roboto-latin-400-normal-LOX3CHMS.woff2`);
    const icon = await fetchRaw(`${server.baseUrl}/favicon.ico`);
    // then only the hashed one is immutable
    expect(font.headers['cache-control']).toBe(IMMUTABLE);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('should never let index.html be stored, and fill in a fresh nonce for every deep link', async () => {
    // when loading a deep link and the root
    const deep = await fetchRaw(`${server.baseUrl}/tasks/group`, { 'accept-encoding': 'gzip' });
    const root = await fetchRaw(`${server.baseUrl}/`);
    // then both are the page with their own nonce, not stored
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(String(deep.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(deep.body.toString()).toContain(`ngCspNonce="${nonce}"`);
    expect(deep.headers['cache-control']).toBe('no-store');
    expect(root.body.toString()).not.toContain(nonce);
    expect(root.body.toString()).not.toContain('WERKBANK_CSP_NONCE');
  });
});
