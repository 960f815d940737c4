import { notFound, redirect } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/guards';
import { loadPreview } from './load-preview';
import { previewPath } from './preview-answers';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** "Aperçu": the first step of the working version. */
export default async function PreviewStartPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/demarches/${id}/apercu`);
  const procedure = await loadPreview(id);
  if (!procedure) notFound();
  redirect(`${previewPath(procedure.id)}/${procedure.working.definition.steps[0].key}`);
}
