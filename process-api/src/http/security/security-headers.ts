import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

export interface SecurityHeadersOptions {
  /** Send Strict-Transport-Security: only when the product is served over HTTPS (WERKBANK_HSTS=true). */
  hsts: boolean;
}

/** The per-response CSP nonce; index.html carries it on its inline critical CSS and on `ngCspNonce` for Angular. */
export function cspNonce(res: Response): string {
  return String(res.locals['cspNonce']);
}

/**
 * helmet with a strict Content-Security-Policy. Scripts only from our origin plus the build's own inline script that
 * carries this response's nonce (no 'unsafe-inline', no eval).
 * Styles from our origin plus `<style>` elements carrying this response's nonce: Angular inserts its component
 * styles with the nonce it reads from `ngCspNonce`, and the build's inlined critical CSS carries it too.
 * `style-src-attr 'unsafe-inline'`: bpmn-js and form-js render markup with `style="..."` attributes (canvas
 * layers, palette, form field layout); style attributes cannot run script, so only that directive is relaxed.
 * Fonts are bundled (no CDN); `data:` images for bpmn-js' and form-js' inline SVG icons.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler[] {
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals['cspNonce'] = randomBytes(16).toString('base64');
    next();
  };
  const nonceSource = (_req: unknown, res: unknown) => `'nonce-${cspNonce(res as Response)}'`;
  return [
    nonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // the nonce admits only the build's tiny inline script that switches the critical-CSS stylesheet on
          scriptSrc: ["'self'", nonceSource],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", nonceSource],
          styleSrcAttr: ["'none'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(options.hsts ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
      crossOriginEmbedderPolicy: false,
    }),
  ];
}
