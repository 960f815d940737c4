import Link from 'next/link';
import { Alert, Breadcrumbs, Button } from '@/components/ui';
import { PREVIEW_IDENTITY } from '@/lib/administration/procedures/preview';
import { resetPreviewAction } from './actions';

type Props = { procedureId: string; version: number; isDraft: boolean };

/** Says on every page of the preview what it is, and the way back to the editor. */
export function PreviewBanner({ procedureId, version, isDraft }: Props) {
  const { firstNames, birthName } = PREVIEW_IDENTITY.profile;
  return (
    // No heading: the step's title stays the page's first heading, as on a draft.
    <Alert tone="warning" className="mb-8 max-w-3xl">
      <p className="text-lg font-bold">Aperçu — rien n’est enregistré</p>
      <p>
        La {isDraft ? `version de travail ${version}` : `version ${version} en service`} telle que l’usager la verra, pré-remplie pour une personne fictive ({firstNames} {birthName}). Aucun
        brouillon ni dossier n’est créé, aucun fichier n’est envoyé ; vos réponses restent dans ce navigateur le temps de l’aperçu.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-x-6 gap-y-2">
        <Link href={`/admin/demarches/${procedureId}`}>Retour à l’éditeur</Link>
        <form action={resetPreviewAction}>
          <input type="hidden" name="procedureId" value={procedureId} />
          <Button variant="tertiary">Recommencer l’aperçu</Button>
        </form>
      </div>
    </Alert>
  );
}

/** The top of every preview page: where it sits in the back office, then the banner. */
export function PreviewTop({ procedure, version, isDraft }: { procedure: { id: string; title: string }; version: number; isDraft: boolean }) {
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Accueil', href: '/' },
          { label: 'Administration', href: '/admin' },
          { label: 'Démarches', href: '/admin/demarches' },
          { label: procedure.title, href: `/admin/demarches/${procedure.id}` },
          { label: 'Aperçu' },
        ]}
      />
      <PreviewBanner procedureId={procedure.id} version={version} isDraft={isDraft} />
    </>
  );
}
