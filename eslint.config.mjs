import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';
import { layersPlugin } from './eslint-rules/layers.mjs';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', '.test-run/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'db/migrations/**']),
  {
    plugins: { drizzle },
    rules: {
      // Every update/delete must carry a WHERE clause (CONVENTIONS.md #9).
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The layers of docs/architecture.md for every import, alias, relative or dynamic: lib folders
    // import only lower lib folders (no cycles), lib/ and db/ never import app/ or components/,
    // app/ and components/ never import db/ (eslint-rules/layers.mjs).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'db/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports': 'error' },
  },
  {
    // Layering (ARCHITECTURE.md): lib/ and db/ never import app/ or components/; db/ never imports lib/.
    files: ['lib/**/*.{ts,tsx}', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '@/components/*'], message: 'lib/ and db/ must not import app/ or components/.' }] }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/lib/*', '@/app/*', '@/components/*'], message: 'db/ imports nothing from lib/, app/ or components/.' }] }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/db/*', '@/db'], message: 'components/ never reach the database.' }] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/db/*', '@/db'], message: 'app/ never imports the database schema or client: call a lib/ use case or query.' }] }],
    },
  },
  {
    // Only lib/env.ts reads the environment; scripts and tests may configure child processes.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'db/**/*.ts'],
    ignores: ['lib/env.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' }],
    },
  },
]);
