import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/common/client-address';
import { decideDevOutbox, type DevOutboxDecision } from '@/lib/common/dev-outbox';

// The one reader of process.env. Empty strings count as unset so that `VAR=` in a shell
// behaves like an absent variable. Errors name the variable, never echo its value (it may be a secret).

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .optional()
      .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v))),
  );

const postgresUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
      message: 'must be a postgres:// or postgresql:// URL, for example postgres://user:password@localhost:5432/portail',
    }),
);

const httpUrl = (example: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .refine((v) => v === undefined || (/^https?:\/\//.test(v) && URL.canParse(v)), {
        message: `must be an http(s) URL, for example ${example}`,
      }),
  );

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const logLevel = z.preprocess(emptyToUndefined, z.enum(logLevels).default('info'));

/**
 * LOG_LEVEL alone, never throwing and never cached: the logger needs it before (and even when) the
 * rest of the configuration is valid, and must not freeze getEnv()'s cache at import time.
 */
export function readLogLevel(source: Record<string, string | undefined> = process.env): (typeof logLevels)[number] {
  const result = logLevel.safeParse(source.LOG_LEVEL);
  return result.success ? result.data : 'info';
}

const schema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    // 'demo' (set by `npm run demo` and the e2e server) shows the development outbox at /dev/courriels
    // even under `next start`, which always runs with NODE_ENV=production.
    PORTAL_MODE: z.preprocess(emptyToUndefined, z.enum(['production', 'demo']).default('production')),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    // The address `npm run demo` listens on (unset: 127.0.0.1); a non-loopback one turns the outbox off.
    HOST: z.preprocess(emptyToUndefined, z.string().regex(/^[^\s/@]+$/, { message: 'must be an address or a host name, for example 127.0.0.1 or 0.0.0.0' }).optional()),
    // 'on' serves /dev/courriels even when HOST is not a loopback address (demo or development only); 'off' never.
    DEV_OUTBOX: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).optional()),
    PUBLIC_ORIGIN: httpUrl('https://demarches.example.fr'),
    PORTAL_NAME: z.preprocess(emptyToUndefined, z.string().default('Portail des démarches en ligne')),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
    DATABASE_URL: postgresUrl,
    MIGRATE_ON_START: booleanFlag(true),
    S3_ENDPOINT: httpUrl('http://127.0.0.1:4569'),
    S3_BUCKET: optionalString,
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: booleanFlag(true),
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: httpUrl('http://127.0.0.1:4580'),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('Portail des démarches <ne-pas-repondre@demarches.localhost>')),
    AUTH_SECRET: optionalString,
    // Key of the stored TOTP secrets (lib/auth/second-factor/secret-box.ts); unset: derived from AUTH_SECRET.
    TOTP_ENCRYPTION_KEY: optionalString,
    CLAMAV_HOST: optionalString,
    CLAMAV_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3310)),
    JOBS_IN_PROCESS: booleanFlag(true),
    // Data lifecycle (lib/lifecycle/retention-rules.ts): defaults a procedure version may override.
    DRAFT_RETENTION_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(6)),
    CLOSED_DOSSIER_RETENTION_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(600).default(24)),
    // Legal statements (/accessibilite, /donnees-personnelles): who runs the portal and how to reach them.
    ORGANISATION_NAME: z.preprocess(emptyToUndefined, z.string().default('Commune de Démoville')),
    ORGANISATION_ADDRESS: z.preprocess(emptyToUndefined, z.string().default('Hôtel de ville, 1 place de la Mairie, 00000 Démoville')),
    CONTACT_EMAIL: z.preprocess(emptyToUndefined, z.string().email().default('contact@demarches.localhost')),
    DPO_EMAIL: z.preprocess(emptyToUndefined, z.string().email().default('dpd@demarches.localhost')),
    // A conformity level is only claimed once a full RGAA audit is recorded (its date); until then: partial.
    ACCESSIBILITY_AUDIT_DATE: z.preprocess(emptyToUndefined, z.iso.date().optional()),
    ACCESSIBILITY_CONFORMITY: z.preprocess(emptyToUndefined, z.enum(['totale', 'partielle', 'non']).default('partielle')),
    ACCESSIBILITY_AUDIT_RATE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(100).optional()),
    STARTUP_CHECK_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(5000)),
    // How far V8 lets the heap grow past its live size before a full collection (decision 025); 0: V8's own choice.
    HEAP_GROWING_PERCENT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(300).default(50)),
    // Reverse proxies whose X-Forwarded-For entries are believed (addresses or CIDR ranges); none by default.
    TRUSTED_PROXIES: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .optional()
        .transform((value, ctx): TrustedProxies => {
          const parsed = parseTrustedProxies(value);
          if (parsed.ok) return parsed.value;
          ctx.addIssue({
            code: 'custom',
            message: `has a bad entry "${parsed.bad.slice(0, 60)}": expected comma-separated IPv4/IPv6 addresses or CIDR ranges, for example 10.0.0.1,10.1.0.0/16,fd00::/8`,
          });
          return z.NEVER;
        }),
    ),
    LOG_LEVEL: logLevel,
    // Seconds a stopping instance gives in-flight requests and jobs before it exits anyway.
    SHUTDOWN_TIMEOUT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(25)),
    // Bearer token of /api/metrics (Prometheus); unset: the route answers 404. Never logged.
    METRICS_TOKEN: optionalString,
    // Bounds of one database call of the web and worker processes: a query running longer is
    // cancelled (0: no bound), a connection not made within the other fails. Migrations and the
    // scripts run without the statement bound (decision 020).
    DB_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3_600_000).default(15_000)),
    DB_CONNECT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(500).max(120_000).default(5_000)),
    // Read by Next's standalone server itself (the address it listens on); named here to be validated and documented.
    HOSTNAME: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.S3_ENDPOINT && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when S3_ENDPOINT is set' });
    }
    if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'is required when S3_ENDPOINT is set',
      });
    }
    if (env.NODE_ENV === 'production' && env.AUTH_SECRET && env.AUTH_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'must be at least 32 characters long' });
    }
    if (env.METRICS_TOKEN && env.METRICS_TOKEN.length < 24) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message: 'must be at least 24 characters long (for example: openssl rand -hex 24)' });
    }
    if (env.TOTP_ENCRYPTION_KEY && env.TOTP_ENCRYPTION_KEY.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['TOTP_ENCRYPTION_KEY'], message: 'must be at least 32 characters long' });
    }
  });

export type Env = z.infer<typeof schema> & { publicOrigin: string; showsDevOutbox: boolean; devOutbox: DevOutboxDecision };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment object; exported for tests. Throws ConfigError with one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const env = result.data;
  const publicOrigin = (env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const devOutbox = decideDevOutbox({ nodeEnv: env.NODE_ENV, portalMode: env.PORTAL_MODE, host: env.HOST, devOutbox: env.DEV_OUTBOX });
  return { ...env, publicOrigin, showsDevOutbox: devOutbox.shown, devOutbox };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
