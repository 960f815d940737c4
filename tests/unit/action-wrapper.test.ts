import { redirect } from 'next/navigation';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/guards';

// The one action wrapper (lib/actions/define-action.ts). Only the session is replaced: the
// signed-in user (or nobody) is what getCurrentUser answers.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null, reads: 0 }));
vi.mock('@/lib/auth/guards', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/guards')>()),
  getCurrentUser: async () => {
    session.reads += 1;
    return session.user;
  },
}));

const { adminAction, agentAction, citizenAction, defineAction, defineFormPost, publicAction } = await import('@/lib/actions/define-action');
const { SESSION_EXPIRED_MESSAGE } = await import('@/lib/actions/result');

const userWith = (role: CurrentUser['role']): CurrentUser => ({ id: `${role}-id`, email: `${role}@exemple.fr`, role, displayName: role, sessionVersion: 1 });

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

/** What the wrapper threw: Next's 404 or redirect signal, read from its digest. */
async function thrown(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'nothing thrown';
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? error);
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'not-found';
    if (digest.startsWith('NEXT_REDIRECT;')) return `redirect:${digest.split(';')[2]}`;
    throw error;
  }
}

const nameSchema = z.object({ name: z.string().min(1, 'Saisissez un nom.') });
const handled = vi.fn(async () => ({ ok: true as const, message: 'fait' }));

beforeEach(() => {
  session.user = null;
  session.reads = 0;
  handled.mockClear();
});

describe('session and role', () => {
  it.each([
    ['citizen', citizenAction],
    ['back-office', agentAction],
    ['admin', adminAction],
  ] as const)('signed out, a %s action says the session expired and runs nothing', async (_role, wrap) => {
    const action = wrap(nameSchema, handled);
    expect(await action(null, form([['name', 'Camille']]))).toEqual({ ok: false, formError: SESSION_EXPIRED_MESSAGE });
    expect(handled).not.toHaveBeenCalled();
  });

  it('a wrong role gets the same 404 as the pages, and nothing runs', async () => {
    session.user = userWith('citizen');
    expect(await thrown(() => agentAction(nameSchema, handled)(null, form([['name', 'x']])))).toBe('not-found');
    expect(await thrown(() => adminAction(nameSchema, handled)(null, form([['name', 'x']])))).toBe('not-found');
    session.user = userWith('agent');
    expect(await thrown(() => adminAction(nameSchema, handled)(null, form([['name', 'x']])))).toBe('not-found');
    expect(handled).not.toHaveBeenCalled();
  });

  it('the right role runs the handler with the parsed input and the user; a citizen action takes any signed-in account', async () => {
    for (const [role, wrap] of [
      ['citizen', citizenAction],
      ['agent', citizenAction],
      ['agent', agentAction],
      ['admin', agentAction],
      ['admin', adminAction],
    ] as const) {
      session.user = userWith(role);
      handled.mockClear();
      expect(await wrap(nameSchema, handled)(null, form([['name', 'Camille']]))).toEqual({ ok: true, message: 'fait' });
      expect(handled).toHaveBeenCalledWith({ name: 'Camille' }, session.user, expect.any(FormData));
    }
  });

  it('a public action does not read the session', async () => {
    expect(await publicAction(nameSchema, handled)(null, form([['name', 'Camille']]))).toEqual({ ok: true, message: 'fait' });
    expect(session.reads).toBe(0);
  });

  it('a plain form post sends a signed-out visitor to sign in, and a malformed post where it says', async () => {
    const post = defineFormPost(
      { role: 'citizen', schema: z.object({ id: z.string().regex(/^\d+$/) }), invalid: () => redirect('/liste'), signedOut: ({ id }) => `/connexion?callbackUrl=/objets/${id}` },
      async () => undefined,
    );
    expect(await thrown(() => post(form([['id', '12']])))).toBe('redirect:/connexion?callbackUrl=/objets/12');
    expect(await thrown(() => post(form([['id', 'abc']])))).toBe('redirect:/liste');
    session.user = userWith('citizen');
    expect(await thrown(() => defineFormPost({ role: 'admin', schema: z.object({}) }, async () => undefined)(form([])))).toBe('not-found');
  });
});

describe('parsing', () => {
  beforeEach(() => {
    session.user = userWith('admin');
  });

  it('a name posted several times is an array; once, a string; a file stays a file', async () => {
    const schema = z.object({ tags: z.array(z.string()), title: z.string(), file: z.instanceof(Blob) });
    const seen = vi.fn(async () => ({ ok: true as const }));
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    await citizenAction(schema, seen)(null, form([['tags', 'a'], ['tags', 'b'], ['title', 'T'], ['file', file], ['$ACTION_ID_x', '']]));
    expect(seen).toHaveBeenCalledWith({ tags: ['a', 'b'], title: 'T', file: expect.any(Blob) }, expect.anything(), expect.any(FormData));
  });

  it('zod’s own messages are French; a schema’s own message wins', async () => {
    const schema = z.object({ count: z.number(), name: z.string().min(1, 'Saisissez un nom.') });
    const result = await adminAction(schema, handled)(null, form([['name', '']]));
    expect(result.ok).toBe(false);
    const errors = !result.ok ? result.fieldErrors! : {};
    expect(errors.name).toEqual(['Saisissez un nom.']);
    expect(errors.count?.[0]).toMatch(/attendu/);
    expect(errors.count?.[0]).not.toMatch(/expected/i);
  });

  it('gives back what was typed after invalid input, never a secret; repeated names joined', async () => {
    const schema = z.object({ name: z.string().min(3, 'Trop court.') });
    const result = await citizenAction(schema, handled)(
      null,
      form([['name', 'ab'], ['password', 'p1'], ['currentPassword', 'p2'], ['newPassword', 'p3'], ['token', 't'], ['apiSecret', 's'], ['choice', 'x'], ['choice', 'y']]),
    );
    expect(result).toEqual({ ok: false, fieldErrors: { name: ['Trop court.'] }, values: { name: 'ab', choice: 'x\ny' } });
  });

  it('echo: false gives nothing back (a code is a secret)', async () => {
    const action = defineAction({ role: 'public', schema: z.object({ code: z.string().length(6, 'Six chiffres.') }), echo: false }, handled);
    expect(await action(null, form([['code', '12']]))).toEqual({ ok: false, fieldErrors: { code: ['Six chiffres.'] } });
  });

  it('an optional field left out of the post parses (plain posts read such fields themselves)', async () => {
    const seen = vi.fn(async () => undefined);
    const post = defineFormPost({ role: 'public', schema: z.object({ slug: z.string(), next: z.unknown().optional() }) }, seen);
    await post(form([['slug', 'demarche']]));
    expect(seen).toHaveBeenCalledWith({ slug: 'demarche' }, null, expect.any(FormData));
  });

  it('`read` reshapes the fields before validation and `fieldName` names the control of each issue', async () => {
    const schema = z.object({ rows: z.array(z.object({ label: z.string().min(1, 'Libellé ?') })) });
    const action = adminAction(schema, handled, {
      read: (raw) => ({ rows: [{ label: raw['row-0-label'] }, { label: raw['row-1-label'] }] }),
      fieldName: (issuePath) => `row-${String(issuePath[1])}-${String(issuePath[2])}`,
    });
    const result = await action(null, form([['row-0-label', 'Reçu'], ['row-1-label', '']]));
    expect(result).toMatchObject({ ok: false, fieldErrors: { 'row-1-label': ['Libellé ?'] } });
  });
});
