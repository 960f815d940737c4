// Files the server reads from disk at run time, outside the import graph, relative to its working
// directory: Next's standalone output leaves them out, so scripts/standalone.mjs copies them in
// (and tests/unit/runtime-files.test.ts checks that each one exists and that the modules reading
// them name the same paths).
export const RUNTIME_FILES = [
  // read at start-up when MIGRATE_ON_START is set (db/client.ts)
  'db/migrations',
  // the common-password list, read on the first password check (lib/security/password-policy.ts)
  'lib/security/common-passwords.txt',
];
