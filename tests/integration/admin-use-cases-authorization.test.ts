import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  procedureAccessGrants,
  auditLog,
  emailTokens,
  mailOutbox,
  preferences,
  procedureRevisions,
  procedureVersions,
  procedures,
  profiles,
  rateLimits,
  users,
} from '@/db/schema';
import type { AccountContext } from '@/lib/accounts/context';
import { addAgent } from '@/lib/administration/add-agent';
import { AdminRequiredError, type AdminActor } from '@/lib/administration/admin-actor';
import { grantProcedureAccess } from '@/lib/administration/grant-procedure-access';
import { changeAgentRole } from '@/lib/administration/change-agent-role';
import { listAuditEntries } from '@/lib/administration/list-audit-entries';
import { listBackOfficeUsers } from '@/lib/administration/list-back-office-users';
import { listJournalTypes } from '@/lib/administration/list-journal-types';
import { resetSecondFactor } from '@/lib/administration/reset-second-factor';
import { withdrawProcedureAccess } from '@/lib/administration/withdraw-procedure-access';
import { withdrawBackOfficeAccess } from '@/lib/administration/withdraw-back-office-access';
import { archiveProcedure, restoreProcedure } from '@/lib/administration/procedures/archive-procedure';
import { createProcedure } from '@/lib/administration/procedures/create-procedure';
import { discardDraftVersion } from '@/lib/administration/procedures/discard-draft-version';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { listAdminProcedures } from '@/lib/administration/procedures/list-admin-procedures';
import { publishDraftVersion } from '@/lib/administration/procedures/publish-draft-version';
import { replaceDraftDefinition } from '@/lib/administration/procedures/replace-draft-definition';
import { updateCatalogueEntry } from '@/lib/administration/procedures/update-catalogue-entry';
import { updateDraftPresentation } from '@/lib/administration/procedures/update-draft-presentation';
import { updateDraftStatuses } from '@/lib/administration/procedures/update-draft-statuses';
import { updateDraftStep } from '@/lib/administration/procedures/update-draft-step';
import { updateDraftField } from '@/lib/administration/procedures/update-draft-field';
import { updateDraftSteps } from '@/lib/administration/procedures/update-draft-steps';
import { createTestAccountContext } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Every administration use case (every exported function of lib/administration/procedures/* and
// lib/administration/* that acts for someone) is called as an agent, a citizen and a demoted
// administrator (the session still says admin, the database says agent since a moment ago): each
// call must throw AdminRequiredError and write nothing. The same call then succeeds for a real
// administrator, so the refusal can only come from the role check. A new exported function in
// those folders makes the enumeration test fail until it gets a row here (or a reason not to).

const FOLDERS = ['lib/administration/procedures', 'lib/administration'];

let db: TestDatabase;
let ctx: AccountContext;
let admin: AdminActor;
const refused: Record<string, AdminActor> = {};

async function createUser(role: AdminActor['role']): Promise<AdminActor> {
  const [row] = await db.db
    .insert(users)
    .values({ email: `${role}.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', role, emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return { id: row.id, role };
}

/** A procedure created by the administrator: a draft version 1, never published. */
async function newProcedure() {
  const created = await createProcedure(db.db, admin, {
    slug: `demarche-${randomUUID().slice(0, 8)}`,
    title: 'Permis de louer',
    summary: 'Déclarer une mise en location.',
    category: 'urbanisme',
    beneficiaries: ['self'],
  });
  if (!created.ok) throw new Error('procedure not created');
  return { procedureId: created.id, revision: await revisionOf(created.id) };
}

async function revisionOf(procedureId: string) {
  return (await getProcedureForEditing(db.db, admin, procedureId))!.working.revision;
}

/** A published procedure with a draft version 2 being edited. */
async function publishedWithDraft() {
  const { procedureId, revision } = await newProcedure();
  expect(await publishDraftVersion(db.db, admin, { procedureId, revision })).toMatchObject({ ok: true });
  const edited = await updateDraftPresentation(db.db, admin, presentation(procedureId, await revisionOf(procedureId), '15 minutes'));
  expect(edited).toMatchObject({ ok: true, version: 2 });
  return { procedureId, revision: await revisionOf(procedureId) };
}

function presentation(procedureId: string, revision: number, estimatedDuration: string) {
  return { procedureId, revision, beneficiaries: ['self' as const], personSubtypes: [], estimatedDuration, processingTime: undefined, requirements: [] };
}

async function assignedAgent() {
  const agent = await createUser('agent');
  const { procedureId } = await newProcedure();
  expect(await grantProcedureAccess(db.db, admin, { userId: agent.id, procedureId })).toEqual({ ok: true });
  return { userId: agent.id, procedureId };
}

type Row = {
  /** Builds what the call needs, as the administrator; returns the call itself. */
  setup: () => Promise<(actor: AdminActor) => Promise<unknown>>;
};

/** Keys are `<file>#<export>`, so the enumeration below can compare them with the folders. */
const useCases: Record<string, Row> = {
  'lib/administration/procedures/create-procedure.ts#createProcedure': {
    setup: async () => {
      const slug = `nouvelle-${randomUUID().slice(0, 8)}`;
      return (actor) => createProcedure(db.db, actor, { slug, title: 'Nouvelle', summary: 'Résumé.', category: 'voirie', beneficiaries: ['self'] });
    },
  },
  'lib/administration/procedures/archive-procedure.ts#archiveProcedure': {
    setup: async () => {
      const { procedureId } = await newProcedure();
      return (actor) => archiveProcedure(db.db, actor, { procedureId, confirmArchive: true });
    },
  },
  'lib/administration/procedures/archive-procedure.ts#restoreProcedure': {
    setup: async () => {
      const { procedureId } = await newProcedure();
      expect(await archiveProcedure(db.db, admin, { procedureId, confirmArchive: true })).toMatchObject({ ok: true, changed: true });
      return (actor) => restoreProcedure(db.db, actor, { procedureId });
    },
  },
  'lib/administration/procedures/discard-draft-version.ts#discardDraftVersion': {
    setup: async () => {
      const input = await publishedWithDraft();
      return (actor) => discardDraftVersion(db.db, actor, input);
    },
  },
  'lib/administration/procedures/get-procedure-for-editing.ts#getProcedureForEditing': {
    setup: async () => {
      const { procedureId } = await newProcedure();
      return (actor) => getProcedureForEditing(db.db, actor, procedureId);
    },
  },
  'lib/administration/procedures/list-admin-procedures.ts#listAdminProcedures': {
    setup: async () => {
      await newProcedure();
      return (actor) => listAdminProcedures(db.db, actor);
    },
  },
  'lib/administration/procedures/publish-draft-version.ts#publishDraftVersion': {
    setup: async () => {
      const input = await newProcedure();
      return (actor) => publishDraftVersion(db.db, actor, input);
    },
  },
  'lib/administration/procedures/replace-draft-definition.ts#replaceDraftDefinition': {
    setup: async () => {
      const { procedureId, revision } = await newProcedure();
      const definition = (await getProcedureForEditing(db.db, admin, procedureId))!.working.definition;
      const changed = JSON.stringify({ ...definition, estimatedDuration: '20 minutes' });
      return (actor) => replaceDraftDefinition(db.db, actor, { procedureId, revision, definition: changed });
    },
  },
  'lib/administration/procedures/update-catalogue-entry.ts#updateCatalogueEntry': {
    setup: async () => {
      const { procedureId } = await newProcedure();
      return (actor) => updateCatalogueEntry(db.db, actor, { procedureId, title: 'Titre changé', summary: 'Résumé changé.', category: 'voirie' });
    },
  },
  'lib/administration/procedures/update-draft-presentation.ts#updateDraftPresentation': {
    setup: async () => {
      const { procedureId, revision } = await newProcedure();
      return (actor) => updateDraftPresentation(db.db, actor, presentation(procedureId, revision, '30 minutes'));
    },
  },
  'lib/administration/procedures/update-draft-statuses.ts#updateDraftStatuses': {
    setup: async () => {
      const { procedureId, revision } = await newProcedure();
      const { statuses } = (await getProcedureForEditing(db.db, admin, procedureId))!.working.definition;
      const rows = statuses.map((s, i) => ({ key: s.key, label: `${s.label} (modifié)`, tone: s.tone, final: !!s.final, notify: true, description: undefined, position: i + 1, remove: false }));
      return (actor) => updateDraftStatuses(db.db, actor, { procedureId, revision, rows, initial: statuses[0].key });
    },
  },
  'lib/administration/procedures/update-draft-step.ts#updateDraftStep': {
    setup: async () => {
      const { procedureId, revision } = await newProcedure();
      const fields = [{ key: 'objet', label: 'Adresse du logement', hint: undefined, required: true, body: undefined, position: 1, remove: false }];
      return (actor) => updateDraftStep(db.db, actor, { procedureId, revision, stepKey: 'demande', title: 'Votre logement', description: undefined, fields });
    },
  },
  'lib/administration/procedures/update-draft-field.ts#updateDraftField': {
    setup: async () => {
      const { procedureId, revision } = await newProcedure();
      return (actor) => updateDraftField(db.db, actor, { procedureId, revision, fieldKey: 'objet', label: 'Objet modifié', required: true, settings: {} });
    },
  },
  'lib/administration/procedures/update-draft-steps.ts#updateDraftSteps': {
    setup: async () => {
      const { procedureId, revision } = await newProcedure();
      const rows = [{ key: 'demande', position: 1, remove: false }];
      return (actor) => updateDraftSteps(db.db, actor, { procedureId, revision, rows, confirmRemoval: false, added: { title: 'Pièces', fieldType: 'file', fieldLabel: 'Justificatif' } });
    },
  },
  'lib/administration/add-agent.ts#addAgent': {
    setup: async () => {
      const email = `nouvel.agent.${randomUUID().slice(0, 8)}@mairie.fr`;
      return (actor) => addAgent(ctx, actor, { email, role: 'agent' });
    },
  },
  'lib/administration/grant-procedure-access.ts#grantProcedureAccess': {
    setup: async () => {
      const agent = await createUser('agent');
      const { procedureId } = await newProcedure();
      return (actor) => grantProcedureAccess(db.db, actor, { userId: agent.id, procedureId });
    },
  },
  'lib/administration/change-agent-role.ts#changeAgentRole': {
    setup: async () => {
      const agent = await createUser('agent');
      return (actor) => changeAgentRole(db.db, actor, { userId: agent.id, role: 'admin' });
    },
  },
  'lib/administration/list-audit-entries.ts#listAuditEntries': {
    setup: async () => {
      await newProcedure();
      return (actor) => listAuditEntries(db.db, actor, { page: 1 });
    },
  },
  'lib/administration/list-back-office-users.ts#listBackOfficeUsers': {
    setup: async () => (actor) => listBackOfficeUsers(db.db, actor),
  },
  'lib/administration/list-journal-types.ts#listJournalTypes': {
    setup: async () => {
      await newProcedure();
      return (actor) => listJournalTypes(db.db, actor);
    },
  },
  'lib/administration/withdraw-procedure-access.ts#withdrawProcedureAccess': {
    setup: async () => {
      const input = await assignedAgent();
      return (actor) => withdrawProcedureAccess(db.db, actor, input);
    },
  },
  'lib/administration/reset-second-factor.ts#resetSecondFactor': {
    setup: async () => {
      const { userId } = await assignedAgent();
      return (actor) => resetSecondFactor(db.db, actor, { userId });
    },
  },
  'lib/administration/withdraw-back-office-access.ts#withdrawBackOfficeAccess': {
    setup: async () => {
      const { userId } = await assignedAgent();
      return (actor) => withdrawBackOfficeAccess(db.db, actor, { userId });
    },
  },
};

// Exported functions that are not use cases: pure helpers, or building blocks that take no actor
// and are only called inside a use case after its assertAdmin.
const THE_CHECK = 'lib/administration/admin-actor.ts#assertAdmin';
const BUILDING_BLOCK = 'building block without an actor, called inside use cases after assertAdmin';
const PURE = 'pure helper: no database';
const notUseCases: Record<string, string> = {
  'lib/administration/procedures/create-procedure.ts#starterDefinition': PURE,
  'lib/administration/procedures/definition-json.ts#parseDefinitionJson': PURE,
  'lib/administration/procedures/preview.ts#previewPrefill': PURE,
  'lib/administration/procedures/preview.ts#sanitizePreviewAnswers': PURE,
  'lib/administration/procedures/preview.ts#checkPreviewStep': PURE,
  'lib/administration/procedures/schemas.ts#readStatusesForm': PURE,
  'lib/administration/procedures/schemas.ts#readStepTextsForm': PURE,
  'lib/administration/procedures/schemas.ts#statusesFieldName': PURE,
  'lib/administration/procedures/schemas.ts#stepTextsFieldName': PURE,
  'lib/administration/procedures/statuses-edit.ts#applyStatusesForm': PURE,
  'lib/administration/procedures/step-texts-edit.ts#optionValue': PURE,
  'lib/administration/procedures/step-texts-edit.ts#applyStepTexts': PURE,
  'lib/administration/procedures/definition-diff.ts#describeDefinitionChanges': PURE,
  'lib/administration/procedures/field-settings.ts#applyFieldForm': PURE,
  'lib/administration/procedures/field-settings.ts#locateField': PURE,
  'lib/administration/procedures/field-settings.ts#encodeCondition': PURE,
  'lib/administration/procedures/field-settings.ts#conditionChoices': PURE,
  'lib/administration/procedures/field-settings.ts#encodeValueCondition': PURE,
  'lib/administration/procedures/field-settings.ts#conditionFormValue': PURE,
  'lib/administration/procedures/field-settings.ts#ruleChoices': PURE,
  'lib/administration/procedures/field-settings.ts#prefillChoices': PURE,
  'lib/administration/procedures/field-settings.ts#settingFormValue': PURE,
  'lib/administration/procedures/schemas.ts#readFieldForm': PURE,
  'lib/administration/procedures/schemas.ts#readStepsForm': PURE,
  'lib/administration/procedures/schemas.ts#stepsFieldName': PURE,
  'lib/administration/procedures/step-texts-edit.ts#fieldKeyFrom': PURE,
  'lib/administration/procedures/step-texts-edit.ts#buildField': PURE,
  'lib/administration/procedures/steps-edit.ts#removedFieldKeys': PURE,
  'lib/administration/procedures/steps-edit.ts#applyStepsForm': PURE,
  'lib/administration/procedures/working-version.ts#removedStatuses': PURE,
  'lib/administration/procedures/working-version.ts#findDraftVersion': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#findCurrentVersion': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#findStatusesInUse': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#saveWorkingDefinition': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#nextVersionNumber': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#touchProcedure': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#lockProcedure': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#staleFailure': BUILDING_BLOCK,
  'lib/administration/procedures/working-version.ts#recordRevision': BUILDING_BLOCK,
  [THE_CHECK]: 'the check itself: every row below goes through it (the demoted administrator tests its database re-read)',
  'lib/administration/audit-labels.ts#auditActionLabel': PURE,
  'lib/administration/audit-labels.ts#auditGroupLabel': PURE,
  'lib/administration/audit-labels.ts#describeAuditMeta': PURE,
  'lib/administration/emails.ts#agentInvitationEmail': PURE,
  'lib/administration/emails.ts#agentAccessGrantedEmail': PURE,
  'lib/administration/role-rules.ts#refuseRoleChange': PURE,
  'lib/administration/role-rules.ts#refuseAddAgent': PURE,
  'lib/administration/role-rules.ts#refuseSecondFactorReset': PURE,
};

/** Every exported function (classes aside) of the two folders, as `<file>#<export>` → its source. */
async function exportedFunctions(): Promise<Map<string, string>> {
  const root = path.resolve(import.meta.dirname, '../..');
  const found = new Map<string, string>();
  for (const folder of FOLDERS) {
    for (const file of readdirSync(path.join(root, folder)).filter((f) => /\.tsx?$/.test(f)).sort()) {
      const mod = (await import(path.join(root, folder, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'function') continue;
        const source = Function.prototype.toString.call(value);
        if (/^class\b/.test(source)) continue;
        found.set(`${folder}/${file}#${name}`, source);
      }
    }
  }
  return found;
}

/** Everything an administration use case could write. */
async function snapshot() {
  return {
    users: await db.db.select().from(users).orderBy(asc(users.id)),
    profiles: await db.db.select().from(profiles).orderBy(asc(profiles.userId)),
    preferences: await db.db.select().from(preferences).orderBy(asc(preferences.userId)),
    emailTokens: await db.db.select().from(emailTokens).orderBy(asc(emailTokens.id)),
    procedureAccessGrants: await db.db.select().from(procedureAccessGrants).orderBy(asc(procedureAccessGrants.agentId), asc(procedureAccessGrants.procedureId)),
    procedures: await db.db.select().from(procedures).orderBy(asc(procedures.id)),
    procedureVersions: await db.db.select().from(procedureVersions).orderBy(asc(procedureVersions.id)),
    procedureRevisions: await db.db.select().from(procedureRevisions).orderBy(asc(procedureRevisions.procedureId), asc(procedureRevisions.revision)),
    auditLog: await db.db.select().from(auditLog).orderBy(asc(auditLog.id)),
    mailOutbox: await db.db.select().from(mailOutbox).orderBy(asc(mailOutbox.id)),
    rateLimits: await db.db.select().from(rateLimits),
  };
}

/** What an administrator's call returns when it worked. */
function expectSuccess(result: unknown) {
  expect(result).toBeTruthy();
  if (Array.isArray(result)) expect(result.length).toBeGreaterThan(0);
  else if (typeof result === 'object' && result && 'ok' in result) expect(result).toMatchObject({ ok: true });
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = createTestAccountContext(db);
  admin = await createUser('admin');
  refused.agent = await createUser('agent');
  refused.citizen = await createUser('citizen');
  // An administrator demoted a moment ago by another one: their session still says admin.
  const demoted = await createUser('admin');
  expect(await changeAgentRole(db.db, admin, { userId: demoted.id, role: 'agent' })).toEqual({ ok: true });
  refused['demoted administrator'] = { id: demoted.id, role: 'admin' };
});
afterAll(async () => db?.drop());

describe('administration use cases', () => {
  it('every exported function of the administration folders has a row, or a reason not to', async () => {
    const found = await exportedFunctions();
    const listed = [...Object.keys(useCases), ...Object.keys(notUseCases)].sort();
    expect([...found.keys()].sort()).toEqual(listed);
    // A function that takes an actor acts for someone: it is a use case, whatever the list says.
    for (const [key, source] of found) {
      const params = /^(?:async\s+)?function\s*\w*\s*\(([^)]*)\)/.exec(source)?.[1] ?? '';
      if (/\bactor\b/.test(params) && key !== THE_CHECK) expect(Object.keys(useCases), `${key} takes an actor`).toContain(key);
    }
  });

  it.each(Object.keys(useCases))('%s refuses an agent, a citizen and a demoted administrator, and writes nothing', async (key) => {
    const call = await useCases[key].setup();
    const before = await snapshot();
    for (const [who, actor] of Object.entries(refused)) {
      await expect(call(actor), `${key} as ${who}`).rejects.toBeInstanceOf(AdminRequiredError);
    }
    expect(await snapshot()).toEqual(before);
    // The control: the same call works for an administrator, so the refusals came from the role check.
    expectSuccess(await call(admin));
  });
});
