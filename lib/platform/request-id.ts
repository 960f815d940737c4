// A request id follows one request through the logs, and into the jobs it queues (emails…), so
// that a worker's line can be tied to the request that caused it. Pure: proxy.ts uses it too.

export const REQUEST_ID_HEADER = 'x-request-id';

const ACCEPTED = /^[A-Za-z0-9._:-]{8,64}$/;

/** The id a trusted front (a reverse proxy) already gave the request, or a new one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && ACCEPTED.test(given) ? given : crypto.randomUUID();
}

/** The current request's id, inside a page, an action or a route handler; undefined elsewhere (a job, a script). */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import('next/headers');
    return (await headers()).get(REQUEST_ID_HEADER) ?? undefined;
  } catch {
    return undefined;
  }
}
