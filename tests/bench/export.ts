// The CSV export measured where it runs (issue 10): `next start` on the kept 1,000,000-dossier
// database, an agent downloads /admin/export of one procedure through HTTP, and the server
// process's RSS is sampled from /proc every 20 ms. The first 100,000 rows are read, then the
// download is closed, as a client would. A first, short export warms the route (code loaded,
// connection pool open) before the RSS at rest is taken. Target: server RSS growth under 50 MB.
// `npm run bench -- --only=export` (see run.ts).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { createBenchAgents } from './queue-seed';

const SESSION_COOKIE = 'authjs.session-token';
const EXPORT_ROWS = 100_000;
const RSS_BUDGET_MB = 50;

export type ExportMeasure = { rows: number; seconds: number; rssBeforeMb: number; rssPeakMb: number; rssAfterMb: number };

function readRssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** A signed-in agent's session cookie, second factor passed (the claims the sign-in would write). */
async function agentCookie(sql: postgres.Sql, authSecret: string): Promise<{ cookie: string; procedure: string }> {
  const agentId = await createBenchAgents(sql);
  const [agent] = await sql<{ email: string; session_version: number }[]>`select email, session_version from users where id = ${agentId}`;
  const [{ id: procedure }] = await sql<{ id: string }[]>`select procedure_id as id from agent_assignments where agent_id = ${agentId} order by procedure_id limit 1`;
  const token = await encode({
    token: { sub: agentId, email: agent.email, userId: agentId, role: 'agent', sessionVersion: agent.session_version, auth_time: Math.floor(Date.now() / 1000), mfa: true },
    secret: authSecret,
    salt: SESSION_COOKIE,
    maxAge: 3600,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, procedure };
}

/** Downloads up to `rows` lines of the export, sampling the server's RSS; closes the download there. */
async function download(baseUrl: string, cookie: string, procedure: string, rows: number, serverPid: number): Promise<ExportMeasure> {
  const rssBeforeMb = readRssMb(serverPid);
  let rssPeakMb = rssBeforeMb;
  const sample = () => (rssPeakMb = Math.max(rssPeakMb, readRssMb(serverPid)));
  const timer = setInterval(sample, 20);
  const start = performance.now();
  try {
    const response = await fetch(`${baseUrl}/admin/export?procedure=${procedure}`, { headers: { cookie } });
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !type.startsWith('text/csv')) throw new Error(`the export answered ${response.status} ${type}: is the session accepted?`);
    const reader = response.body!.getReader();
    let lines = 0;
    while (lines <= rows) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) lines++;
    }
    await reader.cancel();
    const seconds = (performance.now() - start) / 1000;
    sample();
    return { rows: Math.min(lines - 1, rows), seconds, rssBeforeMb, rssPeakMb, rssAfterMb: readRssMb(serverPid) };
  } finally {
    clearInterval(timer);
  }
}

/** Three exports of 100,000 rows after a warm-up, then the whole procedure; each line says the server's RSS before, at its peak and after. */
export async function measureServerExport(options: { databaseUrl: string; authSecret: string; baseUrl: string; serverPid: number }): Promise<boolean> {
  const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const { cookie, procedure } = await agentCookie(sql, options.authSecret);
    await download(options.baseUrl, cookie, procedure, 2_000, options.serverPid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    let ok = true;
    for (let run = 1; run <= 3; run += 1) {
      const m = await download(options.baseUrl, cookie, procedure, EXPORT_ROWS, options.serverPid);
      const growth = m.rssPeakMb - m.rssBeforeMb;
      ok &&= m.rows === EXPORT_ROWS && growth < RSS_BUDGET_MB;
      console.log(
        `export run ${run}: ${m.rows.toLocaleString('en')} rows in ${m.seconds.toFixed(1)} s (${Math.round(m.rows / m.seconds).toLocaleString('en')} rows/s); ` +
          `server RSS ${m.rssBeforeMb.toFixed(0)} MB before, peak ${m.rssPeakMb.toFixed(0)} MB (+${growth.toFixed(1)} MB), ${m.rssAfterMb.toFixed(0)} MB after`,
      );
    }
    // Constant memory means the same growth for the whole procedure as for its first 100,000 rows.
    const whole = await download(options.baseUrl, cookie, procedure, Number.MAX_SAFE_INTEGER, options.serverPid);
    console.log(
      `export of the whole procedure: ${whole.rows.toLocaleString('en')} rows in ${whole.seconds.toFixed(1)} s; ` +
        `server RSS ${whole.rssBeforeMb.toFixed(0)} MB before, peak ${whole.rssPeakMb.toFixed(0)} MB (+${(whole.rssPeakMb - whole.rssBeforeMb).toFixed(1)} MB), ${whole.rssAfterMb.toFixed(0)} MB after`,
    );
    console.log(`${ok ? 'OK  ' : 'FAIL'} server RSS growth under ${RSS_BUDGET_MB} MB while exporting ${EXPORT_ROWS.toLocaleString('en')} rows, every run`);
    return ok;
  } finally {
    await sql.end();
  }
}
