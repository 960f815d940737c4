import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RenameDocumentForm } from '@/components/documents/rename-document-form';
import { Breadcrumbs, PageHeader } from '@/components/ui';
import { documentTitle } from '@/app/compte/document-title';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getLockerDocument } from '@/lib/documents/locker';
import { renameDocument } from '../../actions';

const TITLE = 'Modifier un document';

export const metadata: Metadata = { title: TITLE };

type Props = { params: Promise<{ id: string }> };

export default async function RenameDocumentPage({ params }: Props) {
  const { id } = await params;
  const user = await requireCitizen(`/porte-documents/${encodeURIComponent(id)}/renommer`);
  const document = await getLockerDocument(await getDb(), user.id, id);
  if (!document) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mon porte-documents', href: '/porte-documents' }, { label: TITLE }]} />
      <PageHeader title={TITLE} lead={<>Fichier : <span className="break-words">{document.filename}</span></>} />
      <RenameDocumentForm action={renameDocument} documentId={document.id} title={document.title} details={document} documentTitle={documentTitle(TITLE)} />
    </>
  );
}
