import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@studio/core', '@studio/ml', '@studio/fibo', '@studio/store', '@studio/runtime'],
  // Native or WASM modules that must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@resvg/resvg-js', 'pg', 'ioredis', 'pino'],
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
