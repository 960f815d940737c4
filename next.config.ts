import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that the bundler must not touch (STACK.md).
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', '@node-rs/argon2'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The portal is self-hosted on any Node host: no image optimisation service needed.
  images: { unoptimized: true },
};

export default nextConfig;
