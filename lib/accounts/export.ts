import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import {
  dossierAttachments,
  dossierEvents,
  dossiers,
  lockerDocuments,
  messages,
  notifications,
  preferences,
  procedureVersions,
  procedures,
  profiles,
  relations,
  users,
} from '@/db/schema';

// "Exporter mes données" (right of access and portability). Every query is scoped by owner in its
// WHERE clause, and selects named columns only: no password hash, token, storage key or agent id
// can reach the file, even when a column is added to a table later.

async function selectAccount(db: Executor, userId: string) {
  const [account] = await db
    .select({ email: users.email, createdAt: users.createdAt, emailVerifiedAt: users.emailVerifiedAt, updatedAt: users.updatedAt })
    .from(users)
    .where(eq(users.id, userId));
  return account ?? null;
}

async function selectProfile(db: Executor, userId: string) {
  const [profile] = await db
    .select({
      civility: profiles.civility,
      birthName: profiles.birthName,
      usageName: profiles.usageName,
      firstNames: profiles.firstNames,
      birthDate: profiles.birthDate,
      birthPlace: profiles.birthPlace,
      address: profiles.address,
      phone: profiles.phone,
      updatedAt: profiles.updatedAt,
    })
    .from(profiles)
    .where(eq(profiles.userId, userId));
  return profile ?? null;
}

async function selectPreferences(db: Executor, userId: string) {
  const [row] = await db
    .select({
      emailOnStatusChange: preferences.emailOnStatusChange,
      emailOnMessage: preferences.emailOnMessage,
      emailOnResponse: preferences.emailOnResponse,
    })
    .from(preferences)
    .where(eq(preferences.userId, userId));
  return row ?? null;
}

function selectRelations(db: Executor, userId: string) {
  return db
    .select({
      kind: relations.kind,
      subtype: relations.subtype,
      civility: relations.civility,
      birthName: relations.birthName,
      usageName: relations.usageName,
      firstNames: relations.firstNames,
      birthDate: relations.birthDate,
      birthPlace: relations.birthPlace,
      legalName: relations.legalName,
      siret: relations.siret,
      ownerRole: relations.ownerRole,
      address: relations.address,
      createdAt: relations.createdAt,
      updatedAt: relations.updatedAt,
    })
    .from(relations)
    .where(eq(relations.ownerId, userId))
    .orderBy(asc(relations.createdAt));
}

function selectDossiers(db: Executor, userId: string) {
  return db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      procedure: procedures.title,
      procedureVersion: procedureVersions.version,
      status: dossiers.status,
      beneficiaryKind: dossiers.beneficiaryKind,
      beneficiary: dossiers.beneficiarySnapshot,
      data: dossiers.data,
      createdAt: dossiers.createdAt,
      updatedAt: dossiers.updatedAt,
      submittedAt: dossiers.submittedAt,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(eq(dossiers.ownerId, userId))
    .orderBy(asc(dossiers.createdAt));
}

function selectAttachments(db: Executor, userId: string) {
  return db
    .select({
      dossierId: dossierAttachments.dossierId,
      kind: dossierAttachments.kind,
      filename: dossierAttachments.filename,
      mimeType: dossierAttachments.mimeType,
      sizeBytes: dossierAttachments.sizeBytes,
      createdAt: dossierAttachments.createdAt,
    })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(eq(dossiers.ownerId, userId))
    .orderBy(asc(dossierAttachments.createdAt));
}

function selectMessages(db: Executor, userId: string) {
  return db
    .select({ dossierId: messages.dossierId, from: messages.authorRole, body: messages.body, createdAt: messages.createdAt, readAt: messages.readAt })
    .from(messages)
    .innerJoin(dossiers, eq(dossiers.id, messages.dossierId))
    .where(eq(dossiers.ownerId, userId))
    .orderBy(asc(messages.createdAt));
}

// Status history without the agents' notes: those are part of the instruction, not the citizen's data.
function selectHistory(db: Executor, userId: string) {
  return db
    .select({ dossierId: dossierEvents.dossierId, event: dossierEvents.kind, fromStatus: dossierEvents.fromStatus, toStatus: dossierEvents.toStatus, createdAt: dossierEvents.createdAt })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .where(eq(dossiers.ownerId, userId))
    .orderBy(asc(dossierEvents.createdAt));
}

function selectNotifications(db: Executor, userId: string) {
  return db
    .select({ kind: notifications.kind, title: notifications.title, body: notifications.body, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt));
}

function selectLockerDocuments(db: Executor, userId: string) {
  return db
    .select({
      title: lockerDocuments.title,
      filename: lockerDocuments.filename,
      mimeType: lockerDocuments.mimeType,
      sizeBytes: lockerDocuments.sizeBytes,
      sha256: lockerDocuments.sha256,
      createdAt: lockerDocuments.createdAt,
    })
    .from(lockerDocuments)
    .where(eq(lockerDocuments.ownerId, userId))
    .orderBy(asc(lockerDocuments.createdAt));
}

/** Groups rows by dossier and drops the internal dossier id from each. */
function byDossier<T extends { dossierId: string }>(rows: T[]) {
  const groups = new Map<string, Omit<T, 'dossierId'>[]>();
  for (const { dossierId, ...rest } of rows) groups.set(dossierId, [...(groups.get(dossierId) ?? []), rest]);
  return (id: string) => groups.get(id) ?? [];
}

/** Everything the portal holds about the user, as a plain object ready for JSON; null when the account is gone. */
export async function exportAccountData(db: Executor, userId: string) {
  const account = await selectAccount(db, userId);
  if (!account) return null;
  const [profile, prefs, relationRows, dossierRows, attachments, messageRows, history, notificationRows, documents] = await Promise.all([
    selectProfile(db, userId),
    selectPreferences(db, userId),
    selectRelations(db, userId),
    selectDossiers(db, userId),
    selectAttachments(db, userId),
    selectMessages(db, userId),
    selectHistory(db, userId),
    selectNotifications(db, userId),
    selectLockerDocuments(db, userId),
  ]);
  const [attachmentsOf, messagesOf, historyOf] = [byDossier(attachments), byDossier(messageRows), byDossier(history)];
  return {
    exportedAt: new Date().toISOString(),
    account,
    profile,
    preferences: prefs,
    relations: relationRows,
    dossiers: dossierRows.map(({ id, ...dossier }) => ({ ...dossier, attachments: attachmentsOf(id), messages: messagesOf(id), history: historyOf(id) })),
    notifications: notificationRows,
    lockerDocuments: documents,
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;
