import { expect, test } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// The queue's live stream (/admin/flux) tells an agent about citizens' messages and answers on the
// dossiers of the procedures granted to them, and of no other: the route checks each event's
// dossier against the agent's scope before sending it.

const STREET_REPORT = 'signalement-voirie';

/** A submitted dossier of a procedure, arranged in SQL. */
async function insertSubmitted(ownerId: string, slug: string): Promise<string> {
  const number = `2026-${String(Math.floor(800000 + Math.random() * 99999)).padStart(6, '0')}`;
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, status, number, submitted_at)
    select ${ownerId}, p.id, v.id, v.definition->'statuses'->0->>'key', ${number}, now()
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${slug}
    order by v.version desc limit 1 returning id`;
  return row.id;
}

/** What a committed citizen message or answer publishes (lib/notifications/live.ts). */
async function publish(dossierId: string, kind: 'citizen_message' | 'completion_answered') {
  await e2eSql()`select pg_notify('portal_live', ${JSON.stringify({ userId: null, dossierId, kind })})`;
}

test('the live stream of the queue carries no event of a procedure not granted to the agent', async ({ browser }) => {
  test.setTimeout(120_000);
  const [{ slug: otherSlug }] = await e2eSql()<{ slug: string }[]>`select slug from procedures where slug <> ${STREET_REPORT} order by slug limit 1`;
  const agent = await createCitizen({ firstNames: 'Flux', birthName: 'Autre-Démarche' });
  await e2eSql()`update users set role = 'agent' where id = ${agent.id}`;
  await e2eSql()`insert into agent_assignments (agent_id, procedure_id) select ${agent.id}, id from procedures where slug = ${otherSlug}`;
  await enrolSecondFactorInDatabase(agent);
  const citizen = await createCitizen({ firstNames: 'Usager', birthName: 'Du-Flux' });
  const notGranted = await insertSubmitted(citizen.id, STREET_REPORT);
  const granted = await insertSubmitted(citizen.id, otherSlug);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, agent.email, agent.password, '/admin');
  // Read the stream as the page's own script would, keeping every event's data.
  await page.evaluate(() => {
    const state = { opened: false, received: [] as string[] };
    (window as unknown as { flux: typeof state }).flux = state;
    void fetch('/admin/flux').then(async (response) => {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const text = decoder.decode(value, { stream: true });
        // Sent once the server listens: events published from now on reach this stream.
        if (text.includes(': ouvert')) state.opened = true;
        for (const match of text.matchAll(/^data: (.*)$/gm)) state.received.push(JSON.parse(match[1]).kind);
      }
    });
  });
  await page.waitForFunction(() => (window as unknown as { flux: { opened: boolean } }).flux.opened);
  const received = () => page.evaluate(() => (window as unknown as { flux: { received: string[] } }).flux.received);

  await publish(notGranted, 'citizen_message');
  // Two markers on the granted procedure, the second sent once the first arrived: by then the
  // event published before them has long been checked and, had it been let through, sent.
  await publish(granted, 'completion_answered');
  await expect.poll(received).toEqual(['completion_answered']);
  await publish(granted, 'completion_answered');
  await expect.poll(received).toEqual(['completion_answered', 'completion_answered']);
  // The same kind of event on a granted dossier does arrive.
  await publish(granted, 'citizen_message');
  await expect.poll(received).toEqual(['completion_answered', 'completion_answered', 'citizen_message']);
});
