import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import {
  context,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type Context,
  type ContextManager,
  type Span,
  type SpanContext,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { getMetrics } from './metrics';

// Request durations per route pattern, for pages, server actions and route handlers alike.
//
// Next.js knows the route pattern of a request (/brouillons/[id]/[step]) only deep inside its
// server; it hands it to OpenTelemetry: its root span of each request ("BaseServer.handleRequest")
// gets `next.route` and `http.status_code` before it ends (base-server.js). Next uses the global
// OpenTelemetry API, so registering a provider here is enough: this one keeps no trace and exports
// nothing, it only turns that span into one histogram observation. Proxy.ts and onRequestError see
// no duration; a wrapper in every route would miss pages. Next's root span needs the context to
// follow async calls (its route attribute is looked up through the active context): hence the
// AsyncLocalStorage context manager, what @opentelemetry/context-async-hooks does in 20 lines.

const ROOT_SPAN_TYPE = 'BaseServer.handleRequest';

class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (...args: unknown[]) => this.with(ctx, () => (target as (...a: unknown[]) => unknown)(...args));
    return run as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

class TimingSpan implements Span {
  private readonly attributes: Record<string, AttributeValue | undefined>;
  private readonly startedAt = performance.now();
  private readonly ids: SpanContext = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.NONE };
  private ended = false;
  constructor(attributes: Attributes | undefined) {
    this.attributes = { ...attributes };
  }
  spanContext(): SpanContext {
    return this.ids;
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(): this {
    return this;
  }
  updateName(): this {
    return this;
  }
  isRecording(): boolean {
    return true;
  }
  recordException(): void {}
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const route = this.attributes['next.route'];
    // Requests without a route (static files, the proxy's own pass) are not counted.
    if (this.attributes['next.span_type'] !== ROOT_SPAN_TYPE || typeof route !== 'string') return;
    const labels = { method: String(this.attributes['http.method'] ?? 'GET'), route, status: String(this.attributes['http.status_code'] ?? 0) };
    getMetrics().httpDuration.observe(labels, (performance.now() - this.startedAt) / 1000);
  }
}

class TimingTracer implements Tracer {
  startSpan(_name: string, options?: SpanOptions): Span {
    return new TimingSpan(options?.attributes);
  }
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : undefined;
    const parent = rest.length > 2 ? (rest[1] as Context) : context.active();
    const span = this.startSpan(name, options);
    return context.with(trace.setSpan(parent, span), () => fn(span)) as ReturnType<F>;
  }
}

class TimingTracerProvider implements TracerProvider {
  private readonly tracer = new TimingTracer();
  getTracer(): Tracer {
    return this.tracer;
  }
}

/** Installs the provider once per process (instrumentation's register()). */
export function installRequestTiming(): void {
  const marker = globalThis as unknown as { __portalRequestTiming?: boolean };
  if (marker.__portalRequestTiming) return;
  marker.__portalRequestTiming = true;
  context.setGlobalContextManager(new AsyncLocalContextManager());
  trace.setGlobalTracerProvider(new TimingTracerProvider());
}
