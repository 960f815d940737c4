import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

// The process's Prometheus metrics (served by app/api/metrics, docs/deploy.md). One registry per
// process, kept on globalThis: Next loads this module from several bundles (instrumentation, route
// handlers, actions), and each must count into the same series.
//
// Labels never carry personal data or unbounded values: a route is its pattern (/brouillons/[id]),
// never the concrete path; an outcome or a queue is one of a few fixed words.

type PortalMetrics = {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  autosave: Counter<'outcome'>;
  jobsQueued: Counter<'queue'>;
  jobsSettled: Counter<'queue' | 'outcome'>;
  jobDuration: Histogram<'queue'>;
  jobQueueLatency: Histogram<'queue'>;
  jobsWaiting: Gauge<'queue'>;
  sseConnections: Gauge;
  dbPoolMax: Gauge;
  dbInFlight: Gauge;
  dbAvailable: Gauge;
};

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'portail_process_' });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'portail_http_request_duration_seconds',
      help: 'Time until the response head is ready (streamed pages may keep sending after), by route pattern.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    autosave: new Counter({ name: 'portail_autosave_total', help: 'Autosaves of drafts, by outcome (saved, conflict, refused).', labelNames: ['outcome'], registers }),
    jobsQueued: new Counter({ name: 'portail_jobs_queued_total', help: 'Jobs queued by this process.', labelNames: ['queue'], registers }),
    jobsSettled: new Counter({ name: 'portail_jobs_total', help: 'Job attempts run by this process, by outcome (done, failed).', labelNames: ['queue', 'outcome'], registers }),
    jobDuration: new Histogram({
      name: 'portail_job_duration_seconds',
      help: 'Time a job attempt ran in this process.',
      labelNames: ['queue'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    jobQueueLatency: new Histogram({
      name: 'portail_job_queue_latency_seconds',
      help: 'Time from a job being queued (or due) to a worker of this process taking it.',
      labelNames: ['queue'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    }),
    jobsWaiting: new Gauge({
      name: 'portail_jobs_waiting',
      help: 'Jobs due and not yet taken, all processes together (read from the queue at each scrape; absent during a database outage).',
      labelNames: ['queue'],
      registers,
    }),
    sseConnections: new Gauge({ name: 'portail_sse_connections', help: 'Live-update streams (Server-Sent Events) open on this process.', registers }),
    dbPoolMax: new Gauge({ name: 'portail_db_pool_max_connections', help: 'Connections the web pool of this process may open (DATABASE_URL only).', registers }),
    dbInFlight: new Gauge({
      name: 'portail_db_queries_in_flight',
      help: 'Queries and transactions started and not yet settled in this process (each holds or waits for a pool connection).',
      registers,
    }),
    dbAvailable: new Gauge({ name: 'portail_db_up', help: '1 when the last query or probe of this process reached the database, 0 during an outage.', registers }),
  };
}

/** Series that exist before their first event, so a dashboard shows 0 instead of nothing. */
function initialiseSeries(metrics: PortalMetrics): PortalMetrics {
  for (const outcome of ['saved', 'conflict', 'refused']) metrics.autosave.labels({ outcome }).inc(0);
  metrics.dbAvailable.set(1);
  return metrics;
}

const holder = globalThis as unknown as { __portalMetrics?: PortalMetrics };

export function getMetrics(): PortalMetrics {
  holder.__portalMetrics ??= initialiseSeries(createMetrics());
  return holder.__portalMetrics;
}

export type AutosaveOutcome = 'saved' | 'conflict' | 'refused';

export function countAutosave(outcome: AutosaveOutcome): void {
  getMetrics().autosave.inc({ outcome });
}

/** The text exposition format, and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = getMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** For tests: the current value of a metric series. */
export async function readMetricValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = getMetrics().registry.getSingleMetric(name) as Metric | undefined;
  if (!metric) return 0;
  const { values } = await metric.get();
  const match = values.find((v) => Object.entries(labels).every(([key, value]) => String(v.labels[key]) === value) && !('metricName' in v && String(v.metricName).endsWith('_bucket')));
  return match?.value ?? 0;
}
