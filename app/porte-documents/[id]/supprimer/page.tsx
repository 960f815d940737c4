import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeleteDocumentForm } from '@/components/documents/delete-document-form';
import { Breadcrumbs, PageHeader } from '@/components/ui';
import { documentTitle } from '@/app/compte/document-title';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { formatFileSize } from '@/lib/documents/format';
import { getLockerDocument } from '@/lib/documents/locker';
import { removeDocument } from '../../actions';

const TITLE = 'Supprimer un document';

export const metadata: Metadata = { title: TITLE };

type Props = { params: Promise<{ id: string }> };

export default async function DeleteDocumentPage({ params }: Props) {
  const { id } = await params;
  const user = await requireCitizen(`/porte-documents/${encodeURIComponent(id)}/supprimer`);
  const document = await getLockerDocument(await getDb(), user.id, id);
  if (!document) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mon porte-documents', href: '/porte-documents' }, { label: TITLE }]} />
      <PageHeader title={TITLE} />
      <div className="max-w-2xl">
        <p className="mb-4 text-lg">
          Vous allez supprimer <strong className="break-words">{document.title}</strong> ({document.filename}, {formatFileSize(document.sizeBytes)}) de votre
          porte-documents.
        </p>
        <p className="mb-4">Les copies de ce document déjà jointes à vos démarches ne changent pas.</p>
        <p className="mb-6">La suppression est définitive.</p>
        <DeleteDocumentForm action={removeDocument} documentId={document.id} documentTitle={documentTitle(TITLE)} />
      </div>
    </>
  );
}
