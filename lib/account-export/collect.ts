import 'server-only';
import { asc, eq, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import {
  auditLog,
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
// can reach the file, even when a column is added to a table later. Internal ids and storage keys
// are read to place the files in the archive (export-archive.ts), then left out of the JSON.

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
      storageKey: dossierAttachments.storageKey,
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
      storageKey: lockerDocuments.storageKey,
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

// The journal entries about the citizen: what they did, and what was done to their account. Only
// the action and the date: the journal's details may name agents or other people.
async function selectAuditEntries(db: Executor, userId: string) {
  const rows = await db
    .select({ action: auditLog.action, actorId: auditLog.actorId, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(or(eq(auditLog.actorId, userId), eq(auditLog.targetId, userId)))
    .orderBy(asc(auditLog.createdAt));
  return rows.map((r) => ({ action: r.action, by: r.actorId === userId ? 'vous' : r.actorId ? 'administration' : 'portail', createdAt: r.createdAt }));
}

/** Groups rows by dossier and drops the internal dossier id from each. */
function byDossier<T extends { dossierId: string }>(rows: T[]) {
  const groups = new Map<string, Omit<T, 'dossierId'>[]>();
  for (const { dossierId, ...rest } of rows) groups.set(dossierId, [...(groups.get(dossierId) ?? []), rest]);
  return (id: string) => groups.get(id) ?? [];
}

/** A stored file to put in the archive, at `path`. */
export type ArchiveFile = { path: string; storageKey: string; sizeBytes: number };
/** A receipt to render into the archive, at `path`. */
export type ArchiveReceipt = { path: string; dossierId: string };

const pad = (n: number) => String(n).padStart(2, '0');
// Stored names are sanitised on upload; this keeps an older row from making a path inside the archive.
const safe = (filename: string) => filename.replace(/[/\\\u0000-\u001f]/g, '_');

/**
 * Everything the portal holds about the user, as a plain object ready for JSON, plus where each of
 * their files goes in the archive (the JSON names that path as `fichier`); null when the account is gone.
 */
export async function collectAccountExport(db: Executor, userId: string) {
  const account = await selectAccount(db, userId);
  if (!account) return null;
  const [profile, prefs, relationRows, dossierRows, attachments, messageRows, history, notificationRows, documents, auditEntries] = await Promise.all([
    selectProfile(db, userId),
    selectPreferences(db, userId),
    selectRelations(db, userId),
    selectDossiers(db, userId),
    selectAttachments(db, userId),
    selectMessages(db, userId),
    selectHistory(db, userId),
    selectNotifications(db, userId),
    selectLockerDocuments(db, userId),
    selectAuditEntries(db, userId),
  ]);
  const files: ArchiveFile[] = [];
  const receipts: ArchiveReceipt[] = [];
  const place = (path: string, file: { storageKey: string; sizeBytes: number }) => {
    files.push({ path, storageKey: file.storageKey, sizeBytes: file.sizeBytes });
    return path;
  };
  const lockerDocuments = documents.map(({ storageKey, ...doc }, i) => ({
    ...doc,
    fichier: place(`porte-documents/${pad(i + 1)}-${safe(doc.filename)}`, { storageKey, sizeBytes: doc.sizeBytes }),
  }));
  const [messagesOf, historyOf] = [byDossier(messageRows), byDossier(history)];
  let draftCount = 0;
  const folderOf = new Map(dossierRows.map((d) => [d.id, d.number ? `demandes/${d.number}` : `brouillons/brouillon-${pad(++draftCount)}`]));
  const attachmentCount = new Map<string, number>();
  const attachmentsOf = byDossier(
    attachments.map(({ storageKey, ...a }) => {
      const n = (attachmentCount.get(a.dossierId) ?? 0) + 1;
      attachmentCount.set(a.dossierId, n);
      const sub = a.kind === 'response' ? 'reponses' : 'pieces-justificatives';
      return { ...a, fichier: place(`${folderOf.get(a.dossierId)}/${sub}/${pad(n)}-${safe(a.filename)}`, { storageKey, sizeBytes: a.sizeBytes }) };
    }),
  );
  const dossierList = dossierRows.map(({ id, ...dossier }) => {
    const folder = folderOf.get(id)!;
    const receipt = dossier.number ? `${folder}/recepisse-${dossier.number}.pdf` : null;
    if (receipt) receipts.push({ path: receipt, dossierId: id });
    return { ...dossier, dossier: folder, recepisse: receipt, attachments: attachmentsOf(id), messages: messagesOf(id), history: historyOf(id) };
  });
  const data = {
    exportedAt: new Date().toISOString(),
    account,
    profile,
    preferences: prefs,
    relations: relationRows,
    dossiers: dossierList,
    notifications: notificationRows,
    lockerDocuments,
    auditEntries,
  };
  return { data, files, receipts };
}

/** Everything the portal holds about the user, as a plain object ready for JSON; null when the account is gone. */
export async function exportAccountData(db: Executor, userId: string) {
  return (await collectAccountExport(db, userId))?.data ?? null;
}
