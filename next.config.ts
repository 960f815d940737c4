import type { NextConfig } from 'next';

// Headers that do not depend on the request; the nonce-based CSP is set per request in proxy.ts.
const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// next.config.ts runs outside the app, before lib/env.ts can be used: NODE_ENV is set by Next itself.
const production = process.env.NODE_ENV === 'production';

const nextConfig: NextConfig = {
  // A self-contained server (.next/standalone/server.js) for the container image; scripts/standalone.mjs
  // adds what it reads from disk (db/migrations), the static assets and the worker (docs/deploy.md).
  output: 'standalone',
  // PGlite ships WASM and data files that the bundler must not touch (STACK.md); pg-boss and argon2 load native/dynamic code.
  // prom-client: one copy per process, so that every bundle counts into the same registry.
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', '@node-rs/argon2', 'pdfkit', 'sharp', 'prom-client', '@opentelemetry/api'],
  poweredByHeader: false,
  reactStrictMode: true,
  images: { unoptimized: true },
  experimental: {
    // Uploads (Porte-documents, pièces justificatives) are posted to server actions as multipart
    // forms, so that they work without JavaScript. A file is refused above 10 Mo by
    // lib/documents/check-upload.ts with a clear message; these limits leave room for the form's
    // other fields and the multipart framing, so a file just over 10 Mo still reaches that message.
    // The proxy buffers request bodies too (10 MiB by default): without the same limit there, it
    // would cut a large upload short.
    serverActions: { bodySizeLimit: '12mb' },
    proxyClientMaxBodySize: '12mb',
  },
  async headers() {
    const hsts = production ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : [];
    return [{ source: '/:path*', headers: [...staticSecurityHeaders, ...hsts] }];
  },
};

export default nextConfig;
