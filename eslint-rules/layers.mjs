// The import rules of the portal's layers (docs/architecture.md), as one local ESLint rule.
// Every import specifier, `@/…` alias or relative, static, re-export or dynamic `import()`, is
// resolved to the top-level folder it reaches (and, inside lib/, to the lib folder), then:
// - lib/ and db/ never import app/ or components/; db/ never imports lib/;
// - app/ and components/ never import db/ (the schema and the client): they go through lib/;
// - a lib folder imports only lib folders placed below it in LIB_LAYERS, which makes cycles
//   between lib folders impossible. A new lib folder must be placed in the list first.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The lib folders, from the lowest layer to the highest (`lib/db.ts` and `lib/env/` count as the
 * folders `db` and `env`). Each one may import the ones before it, never the ones after it.
 */
export const LIB_LAYERS = [
  'common', // pure helpers without a domain: French dates, UUIDs, client addresses
  'env', // configuration: the only reader of process.env, and the decisions made from it
  'platform', // logger, safe errors, request ids, shutdown hooks
  'db-watch', // lib/db-watch.ts: counts the database calls in flight and notices an outage (metrics, 503 pages)
  'db', // lib/db.ts: this process's database handle
  'security', // passwords, password policy, tokens, rate limits, device cookie, client key, auth secret
  'audit', // the audit journal: actions and their record
  'mail', // sending mail: Resend or the development outbox
  'storage', // blob store: S3 or local disk
  'queue', // pg-boss plumbing: queues, send, work
  'lifecycle', // retention, orphan files, expired account data: the maintenance jobs
  'jobs', // the portal's job catalogue (emails, maintenance) and this process's queue
  'statements', // accessibility and personal-data statements
  'accounts', // citizens' accounts: registration, sign-in use case, profile, preferences, deletion
  'notifications', // in-portal notifications, their emails, live updates
  'relations', // the people and organisations an account acts for
  'procedures', // procedure definitions, the field registry, compilation of steps, prefill, catalogue
  'documents', // Porte-documents (locker) and attachments: uploads, checks, quota, validity
  'dossiers', // drafts, autosave, submission, receipts, follow-up
  'messages', // messages between a citizen and the agents about a dossier
  'completions', // "À compléter": requests for documents or a correction, and the citizen's answers
  'account-export', // the citizen's export of everything the portal holds about them
  'auth', // Auth.js configuration, sessions, guards, sign-in flow, second factor
  'actions', // the server-action wrapper and its result convention
  'processing', // the agents' back office: dossiers in scope, status changes, responses
  'administration', // administrators: procedures editing, back-office users, journal
  'runtime', // start-up and health: wires the database, storage and jobs together
];

function resolveSpecifier(specifier, filename) {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return path.relative(ROOT, path.resolve(path.dirname(filename), specifier)).split(path.sep).join('/');
  }
  return null; // a package
}

/** 'lib/dossiers/ids' → { top: 'lib', lib: 'dossiers' }; 'lib/db' and 'lib/db.ts' → lib 'db'. */
function placeOf(relative) {
  if (relative === null || relative.startsWith('..')) return null;
  const [top, second] = relative.split('/');
  const place = { top: top.replace(/\.(ts|tsx|mjs|js)$/, '') };
  if (place.top === 'lib' && second) place.lib = second.replace(/\.(ts|tsx|mjs|js)$/, '');
  return place;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of docs/architecture.md (alias, relative and dynamic imports).' },
    schema: [],
    messages: {
      upward: 'lib/{{from}} may not import lib/{{to}}: {{to}} is a higher layer than {{from}} (LIB_LAYERS in eslint-rules/layers.mjs). Move the shared code down a layer or the caller up.',
      unknownLib: 'lib/{{folder}} is not in LIB_LAYERS (eslint-rules/layers.mjs): place the new folder in the ordered list of layers first.',
      libToUi: '{{from}}/ never imports {{to}}/ (lib/ and db/ sit below the UI).',
      dbToLib: 'db/ imports nothing from lib/.',
      uiToDb: '{{from}}/ never imports db/ (the database schema and client): go through a lib/ use case or query.',
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const source = placeOf(path.relative(ROOT, filename).split(path.sep).join('/'));
    if (!source) return {};

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const target = placeOf(resolveSpecifier(specifier, filename));
      if (!target) return;
      const report = (messageId, data) => context.report({ node, messageId, data });
      if ((source.top === 'lib' || source.top === 'db') && (target.top === 'app' || target.top === 'components')) {
        return report('libToUi', { from: source.top, to: target.top });
      }
      if (source.top === 'db' && target.top === 'lib') return report('dbToLib');
      if ((source.top === 'app' || source.top === 'components') && target.top === 'db') return report('uiToDb', { from: source.top });
      if (source.top === 'lib' && target.top === 'lib' && source.lib && target.lib && source.lib !== target.lib) {
        const from = LIB_LAYERS.indexOf(source.lib);
        const to = LIB_LAYERS.indexOf(target.lib);
        if (from < 0) return report('unknownLib', { folder: source.lib });
        if (to < 0) return report('unknownLib', { folder: target.lib });
        if (to > from) return report('upward', { from: source.lib, to: target.lib });
      }
    }

    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { meta: { name: 'portal-layers' }, rules: { imports: rule } };
