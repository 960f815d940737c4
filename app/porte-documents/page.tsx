import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LockerFlash } from '@/components/documents/locker-flash';
import { AddDocumentForm } from '@/components/documents/add-document-form';
import { Alert, Breadcrumbs, PageHeader } from '@/components/ui';
import { documentTitle } from '@/app/compte/document-title';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { ACCEPT_ATTRIBUTE, ACCEPTED_FORMATS_LABEL, MAX_UPLOAD_BYTES } from '@/lib/documents/check-upload';
import { TOO_LARGE_POST } from '@/lib/documents/limits';
import { describeMimeType, formatDocumentDate, formatFileSize } from '@/lib/documents/format';
import { listLockerDocuments, type LockerDocument } from '@/lib/documents/locker';
import { STORAGE_QUOTA_BYTES, storageUsage } from '@/lib/documents/storage-quota';
import { documentKindLabel, formatCalendarDate, isExpiringSoon, todayInParis } from '@/lib/documents/validity';
import { addDocument } from './actions';

const TITLE = 'Mon porte-documents';

export const metadata: Metadata = { title: TITLE };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Set by the actions' redirects: one short confirmation after adding, renaming or deleting.
const flashMessages: Record<string, string> = {
  ajout: 'Le document a été ajouté à votre porte-documents.',
  modification: 'Le document a été modifié.',
  suppression: 'Le document a été supprimé de votre porte-documents. Les copies jointes à vos démarches ne changent pas.',
};

/** Expired documents and those expiring within 30 days, soonest first. */
function ExpiringDocuments({ documents, today }: { documents: LockerDocument[]; today: string }) {
  const expiring = documents.filter((d) => isExpiringSoon(d, today)).sort((a, b) => a.expiresOn!.localeCompare(b.expiresOn!));
  if (expiring.length === 0) return null;
  return (
    <Alert tone="warning" role="none" title="Documents bientôt expirés" className="max-w-3xl">
      <p>Ces documents sont expirés ou le seront dans moins de 30 jours. Pensez à les remplacer avant de les joindre à une démarche.</p>
      <ul className="mt-2 list-disc pl-6">
        {expiring.map((d) => (
          <li key={d.id}>
            <span className="break-words">{d.title}</span> : {d.expiresOn! < today ? 'expiré le' : 'expire le'} {formatCalendarDate(d.expiresOn!)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function DocumentItem({ document }: { document: LockerDocument }) {
  return (
    <li className="border-b border-line py-5">
      <h3 className="break-words text-xl font-bold">{document.title}</h3>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <dt className="text-ink-muted">Fichier</dt>
        <dd className="break-words">{document.filename}</dd>
        <dt className="text-ink-muted">Type</dt>
        <dd>{describeMimeType(document.mimeType)}</dd>
        <dt className="text-ink-muted">Taille</dt>
        <dd>{formatFileSize(document.sizeBytes)}</dd>
        <dt className="text-ink-muted">Ajouté le</dt>
        <dd>{formatDocumentDate(document.createdAt)}</dd>
        {document.kind ? (
          <>
            <dt className="text-ink-muted">Nature</dt>
            <dd>{documentKindLabel(document.kind)}</dd>
          </>
        ) : null}
        {document.issuedOn ? (
          <>
            <dt className="text-ink-muted">Délivré le</dt>
            <dd>{formatCalendarDate(document.issuedOn)}</dd>
          </>
        ) : null}
        {document.expiresOn ? (
          <>
            <dt className="text-ink-muted">Expire le</dt>
            <dd>{formatCalendarDate(document.expiresOn)}</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        {/* A download, not a page: no prefetch. */}
        <a href={`/porte-documents/${document.id}/telecharger`} download>
          Télécharger<span className="sr-only"> {document.title}</span>
        </a>
        <Link href={`/porte-documents/${document.id}/renommer`}>
          Modifier<span className="sr-only"> {document.title}</span>
        </Link>
        <Link href={`/porte-documents/${document.id}/supprimer`}>
          Supprimer<span className="sr-only"> {document.title}</span>
        </Link>
      </p>
    </li>
  );
}

export default async function LockerPage({ searchParams }: Props) {
  const user = await requireCitizen('/porte-documents');
  const params = await searchParams;
  const db = await getDb();
  const documents = await listLockerDocuments(db, user.id);
  const usage = await storageUsage(db, user.id);
  const left = Math.max(0, STORAGE_QUOTA_BYTES - usage.usedBytes);
  const flash = Object.keys(flashMessages).find((key) => params[key] === '1');
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: TITLE }]} />
      <PageHeader
        title={TITLE}
        lead="Rangez ici les documents que vous fournissez souvent. Vous pourrez ensuite les choisir dans une liste quand une démarche demande une pièce justificative, pour vous ou pour vos relations."
      />
      {params[TOO_LARGE_POST.param] === TOO_LARGE_POST.value ? (
        <Alert tone="error" role="alert" title="Le document n’a pas été ajouté" className="max-w-3xl">
          <p>{TOO_LARGE_POST.message}</p>
        </Alert>
      ) : null}
      <ExpiringDocuments documents={documents} today={todayInParis(new Date())} />
      <div className="max-w-3xl" aria-live="polite">
        {flash ? <LockerFlash key={randomUUID()} message={flashMessages[flash]} /> : null}
      </div>
      <Alert tone="info" role="none" title="Confidentiel" className="max-w-3xl">
        <p>
          Votre porte-documents vous est réservé : l’administration n’y a pas accès. Quand vous joignez un document à une
          démarche, c’est une copie qui est jointe ; supprimer le document d’ici ne change pas vos démarches.
        </p>
      </Alert>
      <section aria-labelledby="mes-documents" className="mt-10 max-w-3xl">
        <h2 id="mes-documents" className="text-2xl font-bold">
          Mes documents
        </h2>
        <p className="mt-2 text-ink-muted">
          {documents.length === 0 ? 'Aucun document' : documents.length === 1 ? '1 document' : `${documents.length} documents`} —{' '}
          {formatFileSize(usage.usedBytes)} utilisés sur {formatFileSize(STORAGE_QUOTA_BYTES)} : {formatFileSize(usage.lockerBytes)} pour vos
          documents et {formatFileSize(usage.draftBytes)} pour les fichiers joints à vos <Link href="/brouillons">brouillons</Link>. Les
          fichiers des démarches envoyées ne comptent pas.
        </p>
        {left < MAX_UPLOAD_BYTES ? (
          <Alert tone="warning" title="Votre espace de stockage est presque plein">
            <p>
              Il reste {formatFileSize(left)}. Pour ajouter d’autres fichiers, supprimez des documents dont vous n’avez plus besoin ou
              retirez des fichiers de vos brouillons.
            </p>
          </Alert>
        ) : null}
        {documents.length > 0 ? (
          <ul className="mt-4 border-t border-line">
            {documents.map((document) => (
              <DocumentItem key={document.id} document={document} />
            ))}
          </ul>
        ) : (
          <p className="my-4">Votre porte-documents est vide.</p>
        )}
      </section>
      <section aria-labelledby="ajouter" className="mt-10">
        <h2 id="ajouter" className="mb-4 text-2xl font-bold">
          Ajouter un document
        </h2>
        <AddDocumentForm
          action={addDocument}
          accept={ACCEPT_ATTRIBUTE}
          fileHint={`Format ${ACCEPTED_FORMATS_LABEL}, ${formatFileSize(MAX_UPLOAD_BYTES)} au maximum par fichier. Vos documents et les fichiers joints à vos brouillons peuvent occuper ${formatFileSize(STORAGE_QUOTA_BYTES)} au total.`}
          documentTitle={documentTitle(TITLE)}
        />
      </section>
    </>
  );
}
