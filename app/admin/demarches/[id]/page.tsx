import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArchiveForm } from '@/components/administration/archive-form';
import { CatalogueEntryForm } from '@/components/administration/catalogue-entry-form';
import { DefinitionJsonForm } from '@/components/administration/definition-json-form';
import { InlineActionForm } from '@/components/administration/inline-action-form';
import { PresentationForm } from '@/components/administration/presentation-form';
import { StatusesForm } from '@/components/administration/statuses-form';
import { StepTextsForm } from '@/components/administration/step-texts-form';
import { StepsForm } from '@/components/administration/steps-form';
import { FlashMessage } from '@/components/account/flash-message';
import { Breadcrumbs, PageHeader, StatusTag } from '@/components/ui';
import { getCurrentUser, requireAdmin } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { fieldTypeLabel } from '@/lib/procedures/fields';
import { savedMessage } from '../messages';
import { archiveAction, discardAction, publishAction, restoreAction, replaceDefinitionAction, updateCatalogueEntryAction, updatePresentationAction, updateStatusesAction, updateStepAction, updateStepsAction } from './actions';
import { isUuid } from '@/lib/common/uuid';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const findProcedure = cache(async (id: string) => {
  const user = await getCurrentUser();
  if (!user || user.role !== 'admin' || !isUuid(id)) return null;
  return getProcedureForEditing(await getDb(), user, id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const procedure = await findProcedure((await params).id);
  return { title: procedure ? `${procedure.title} — Modifier la démarche` : 'Page introuvable' };
}

function formatDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
}

export default async function EditProcedurePage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/demarches/${id}`);
  const procedure = await findProcedure(id);
  if (!procedure) notFound();
  const query = await searchParams;
  const published = typeof query.publiee === 'string' && /^\d{1,6}$/.test(query.publiee) ? query.publiee : null;
  const flash =
    query.creee === '1'
      ? 'La démarche est créée, avec une version de travail 1. Complétez-la, puis publiez-la pour l’ouvrir aux usagers.'
      : published
        ? `La version ${published} est publiée : les nouvelles demandes l’utilisent. Les demandes déjà commencées ou déposées gardent leur version.`
        : query.abandonnee === '1'
          ? 'La version de travail est abandonnée. La version publiée reste en service.'
          : query.archivee === '1'
            ? 'La démarche est archivée : elle n’apparaît plus dans le catalogue et personne ne peut plus la commencer. Les brouillons en cours et les dossiers déposés continuent.'
            : query.remise === '1'
              ? 'La démarche est remise au catalogue.'
              : savedMessage(query.enregistre, query.version);
  const { working } = procedure;
  const definition = working.definition;
  const documentTitle = `${procedure.title} — Modifier la démarche — ${getEnv().PORTAL_NAME}`;
  const versionHidden = { procedureId: procedure.id, revision: String(working.revision) };
  // Every form is keyed by the revision it shows: after any save (or a publication, a discard)
  // each one starts again from the stored definition, none keeps an older copy or message.
  const formsKey = `revision-${working.revision}-${published ?? query.abandonnee ?? ''}`;
  const nextVersion = working.isDraft ? working.version : Math.max(...procedure.versions.map((v) => v.version)) + 1;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Accueil', href: '/' },
          { label: 'Administration', href: '/admin' },
          { label: 'Démarches', href: '/admin/demarches' },
          { label: procedure.title },
        ]}
      />
      <PageHeader title={procedure.title} lead={`Adresse : /demarches/${procedure.slug}`}>
        {procedure.archived ? (
          <StatusTag label="Archivée : hors du catalogue" />
        ) : procedure.inCatalogue ? (
          <StatusTag tone="success" label="Publiée dans le catalogue" />
        ) : (
          <StatusTag label="Pas encore publiée" />
        )}
      </PageHeader>
      {flash ? <FlashMessage key={flash} message={flash} /> : null}

      <nav aria-labelledby="sommaire" className="mb-10 max-w-2xl">
        <h2 id="sommaire" className="text-xl font-bold">
          Sur cette page
        </h2>
        <ul className="mt-2 list-disc pl-6">
          <li><a href="#versions">Versions et publication</a></li>
          <li><a href="#catalogue">Fiche du catalogue</a></li>
          <li><a href="#presentation">Présentation et bénéficiaires</a></li>
          <li><a href="#statuts">Statuts</a></li>
          <li><a href="#etapes">Étapes et champs</a></li>
          <li><a href="#json">Éditeur avancé (JSON)</a></li>
        </ul>
      </nav>

      <section aria-labelledby="versions" className="mb-12 max-w-3xl">
        <h2 id="versions" className="mb-4 text-2xl font-bold">
          Versions et publication
        </h2>
        <p>
          {working.isDraft
            ? `Vous modifiez la version de travail ${working.version}. Elle ne sert à personne tant qu’elle n’est pas publiée.`
            : `Il n’y a pas de version de travail : votre prochaine modification créera la version ${nextVersion} à partir de la version ${working.version}, qui reste en service jusqu’à la publication.`}{' '}
          Une version publiée ne change plus : les demandes déposées gardent la version avec laquelle elles ont été remplies.
        </p>
        <ul className="my-4 border-t border-line">
          {procedure.versions.map((v) => (
            <li key={v.version} className="border-b border-line py-3">
              <span className="font-bold">Version {v.version}</span>{' '}
              {v.publishedAt ? (
                <>
                  {v.version === procedure.currentVersion ? <StatusTag tone="success" label="En service" /> : <StatusTag label="Remplacée" />} — publiée le {formatDate(v.publishedAt)}
                </>
              ) : (
                <StatusTag tone="progress" label="Version de travail" />
              )}
              <span className="block text-sm text-ink-muted">
                {v.submittedCount} dossier{v.submittedCount > 1 ? 's' : ''} déposé{v.submittedCount > 1 ? 's' : ''}, {v.draftCount} brouillon{v.draftCount > 1 ? 's' : ''}
              </span>
            </li>
          ))}
        </ul>
        {working.isDraft && procedure.currentVersion ? (
          <div className="mb-4">
            <h3 className="text-xl font-bold">Ce que la publication change par rapport à la version {procedure.currentVersion}</h3>
            {procedure.changesToPublish.length ? (
              <ul className="my-2 list-disc pl-6">
                {procedure.changesToPublish.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="my-2">Aucune différence avec la version en service.</p>
            )}
            <p>
              Les demandes commencées après la publication utiliseront la nouvelle version. Les brouillons déjà commencés (
              {procedure.versions.reduce((n, v) => n + (v.publishedAt ? v.draftCount : 0), 0)}) gardent la version avec laquelle ils ont été commencés, jusqu’à leur dépôt : leurs réponses restent valables.
            </p>
          </div>
        ) : null}
        {working.isDraft ? (
          <div className="flex flex-wrap gap-x-6">
            <InlineActionForm action={publishAction} hidden={versionHidden} submitLabel="Publier cette version" variant="primary" />
            {procedure.currentVersion ? <InlineActionForm action={discardAction} hidden={versionHidden} submitLabel="Abandonner la version de travail" variant="tertiary" /> : null}
          </div>
        ) : null}
        <p className="mt-2">
          <Link href={`/admin/demarches/${procedure.id}/apercu`}>Aperçu de la version {working.isDraft ? 'de travail' : 'en service'}</Link>
          {' '}: chaque étape telle que l’usager la verra, sans rien enregistrer.
        </p>
        {procedure.inCatalogue ? (
          <p className="mt-2">
            <Link href={`/demarches/${procedure.slug}`}>Voir la page publique de la démarche</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="catalogue" className="mb-12">
        <h2 id="catalogue" className="mb-2 text-2xl font-bold">
          Fiche du catalogue
        </h2>
        <p className="mb-6 max-w-2xl">Le titre, le résumé, la catégorie et les dates d’ouverture et de clôture ne font pas partie d’une version : ils changent dans le catalogue dès l’enregistrement.</p>
        <CatalogueEntryForm
          key={formsKey}
          action={updateCatalogueEntryAction}
          procedureId={procedure.id}
          saved={{ title: procedure.title, summary: procedure.summary, category: procedure.category, opensOn: procedure.opensOn ?? '', closesAfter: procedure.closesAfter ?? '', graceUntil: procedure.graceUntil ?? '' }}
          documentTitle={documentTitle}
        />
        <ArchiveSection procedureId={procedure.id} archived={procedure.archived} />
      </section>

      <section aria-labelledby="presentation" className="mb-12">
        <h2 id="presentation" className="mb-2 text-2xl font-bold">
          Présentation et bénéficiaires
        </h2>
        <p className="mb-6 max-w-2xl">Enregistré dans la version de travail, visible des usagers après la publication.</p>
        <PresentationForm
          key={formsKey}
          action={updatePresentationAction}
          procedureId={procedure.id}
          revision={working.revision}
          saved={{
            beneficiaries: definition.beneficiaries,
            personSubtypes: definition.personSubtypes ?? [],
            estimatedDuration: definition.estimatedDuration,
            processingTime: definition.processingTime,
            requirements: definition.requirements ?? [],
          }}
          documentTitle={documentTitle}
        />
      </section>

      <section aria-labelledby="statuts" className="mb-12">
        <h2 id="statuts" className="mb-2 text-2xl font-bold">
          Statuts
        </h2>
        <p className="mb-6 max-w-2xl">
          Les étapes par lesquelles passe une demande déposée, dans l’ordre où les agents les proposent. Au moins un statut doit être final. Un statut que des dossiers déposés ont ne peut pas être retiré.
        </p>
        <StatusesForm
          key={formsKey}
          action={updateStatusesAction}
          procedureId={procedure.id}
          revision={working.revision}
          statuses={definition.statuses.map((s) => ({ key: s.key, label: s.label, tone: s.tone, final: s.final, notify: s.notify, description: s.description, inUse: procedure.statusUsage[s.key] ?? 0 }))}
          documentTitle={documentTitle}
        />
      </section>

      <section aria-labelledby="etapes" className="mb-12">
        <h2 id="etapes" className="mb-2 text-2xl font-bold">
          Étapes et champs
        </h2>
        <p className="mb-6 max-w-2xl">
          L’ordre des étapes, leur retrait et l’ajout d’une étape ; puis pour chaque étape, les textes que lit l’usager, l’ordre des champs, leur retrait et l’ajout d’un champ de n’importe quel type. Les réglages propres à chaque champ (bornes, options, fichiers acceptés, pré-remplissage), sa condition d’affichage et sa règle de comparaison sont sur la page de réglages du champ.
        </p>
        <StepsForm
          key={formsKey}
          action={updateStepsAction}
          procedureId={procedure.id}
          revision={working.revision}
          steps={definition.steps.map((s) => ({ key: s.key, title: s.title, fieldCount: s.fields.length }))}
          documentTitle={documentTitle}
        />
        {definition.steps.map((step, index) => (
          <section key={step.key} aria-labelledby={`etape-${step.key}`} className="mb-10 border-l-4 border-line pl-4">
            <h3 id={`etape-${step.key}`} className="mb-4 text-xl font-bold">
              Étape {index + 1} : {step.title}
            </h3>
            <StepTextsForm
              key={formsKey}
              action={updateStepAction}
              procedureId={procedure.id}
              revision={working.revision}
              step={{
                key: step.key,
                title: step.title,
                description: step.description,
                fields: step.fields.map((f) => ({
                  key: f.key,
                  type: f.type,
                  typeLabel: fieldTypeLabel(f.type),
                  label: f.label,
                  hint: f.hint,
                  required: f.type === 'info' ? false : f.required,
                  body: f.type === 'info' ? f.body : undefined,
                })),
              }}
              documentTitle={documentTitle}
            />
          </section>
        ))}
      </section>

      <section aria-labelledby="json" className="mb-12">
        <h2 id="json" className="mb-2 text-2xl font-bold">
          Éditeur avancé (JSON)
        </h2>
        <p className="mb-6 max-w-2xl">
          Toute la définition de la version de travail. Chaque erreur indique l’étape, le champ ou le statut en cause. Les formulaires ci-dessus et cet éditeur enregistrent la même version : un enregistrement fait depuis une page qui n’est plus à jour est refusé, rien n’est écrasé.
        </p>
        <DefinitionJsonForm key={formsKey} action={replaceDefinitionAction} procedureId={procedure.id} revision={working.revision} json={working.json} documentTitle={documentTitle} />
      </section>
    </>
  );
}

/** Out of the catalogue and back: a ticked confirmation, so it works without JavaScript. */
function ArchiveSection({ procedureId, archived }: { procedureId: string; archived: boolean }) {
  return (
    <div className="mt-8 max-w-2xl border-t border-line pt-6">
      <h3 className="text-xl font-bold">{archived ? 'Démarche archivée' : 'Retirer du catalogue'}</h3>
      {archived ? (
        <>
          <p className="my-2">Elle n’apparaît plus dans le catalogue et personne ne peut la commencer. Les brouillons en cours peuvent encore être déposés selon les dates ci-dessus ; les dossiers déposés continuent d’être traités.</p>
          <InlineActionForm action={restoreAction} hidden={{ procedureId }} submitLabel="Remettre au catalogue" />
        </>
      ) : (
        <>
          <p className="my-2">
            Archiver retire la démarche du catalogue tout de suite : sa page indique qu’elle n’est plus proposée et personne ne peut plus la commencer. Les brouillons en cours peuvent encore être déposés selon les dates ci-dessus ; les dossiers déposés continuent d’être traités. Vous pourrez la remettre au catalogue.
          </p>
          <ArchiveForm action={archiveAction} procedureId={procedureId} />
        </>
      )}
    </div>
  );
}
