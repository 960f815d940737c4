import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StepForm } from '@/components/forms/step-form';
import { StepRecap } from '@/components/forms/step-recap';
import { STEP_HEADING_ID } from '@/components/forms/step-form-state';
import { requireAdmin } from '@/lib/auth/guards';
import { getEnv } from '@/lib/env';
import { PREVIEW_IDENTITY, previewPrefill } from '@/lib/administration/procedures/preview';
import { validatePreviewStepAction } from '../actions';
import { loadPreview } from '../load-preview';
import { previewPath, readPreviewAnswers } from '../preview-answers';
import { PreviewTop } from '../preview-banner';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; step: string }>; searchParams: Promise<{ retour?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, step } = await params;
  const procedure = await loadPreview(id);
  const steps = procedure?.working.definition.steps ?? [];
  const index = steps.findIndex((s) => s.key === step);
  if (!procedure || index < 0) return { title: 'Page introuvable' };
  return { title: `Aperçu — ${steps[index].title} — Étape ${index + 1} sur ${steps.length} — ${procedure.title}` };
}

// The fictitious locker the citizen would pick from: the drop-down shows as it does on a draft.
const previewLockerOptions = [{ value: 'apercu-porte-documents', label: 'Justificatif de domicile (quittance.pdf) — exemple de l’aperçu' }];

/**
 * One step of the working version, drawn by the citizen's own components (StepForm, StepRecap):
 * the same fields, conditions, rules and hints. Autosave is off and the action writes nothing.
 */
export default async function PreviewStepPage({ params, searchParams }: Props) {
  const { id, step: stepKey } = await params;
  await requireAdmin(`/admin/demarches/${id}/apercu/${stepKey}`);
  const procedure = await loadPreview(id);
  if (!procedure) notFound();
  const { definition, revision, version, isDraft } = procedure.working;
  const steps = definition.steps;
  const index = steps.findIndex((s) => s.key === stepKey);
  if (index < 0) notFound();
  const step = steps[index];
  const basePath = previewPath(procedure.id);
  const answers = { ...previewPrefill(definition), ...(await readPreviewAnswers(procedure.id, revision, definition)) };
  const returnToRecap = (await searchParams).retour === 'recapitulatif';
  const title = `Aperçu — ${step.title} — Étape ${index + 1} sur ${steps.length} — ${procedure.title}`;
  const previous = index > 0 ? { href: `${basePath}/${steps[index - 1].key}`, label: 'Étape précédente' } : { href: `/admin/demarches/${procedure.id}`, label: 'Retour à l’éditeur' };
  const { firstNames, birthName } = PREVIEW_IDENTITY.profile;

  return (
    <>
      <PreviewTop procedure={procedure} version={version} isDraft={isDraft} />
      <div className="mb-8 max-w-3xl">
        <p className="text-ink-muted">
          {procedure.title} — pour {firstNames} {birthName}
        </p>
        <p className="mt-1 font-medium text-ink-muted">
          Étape {index + 1} sur {steps.length}
        </p>
        <h1 id={STEP_HEADING_ID} tabIndex={-1} className="mt-2 text-3xl font-bold leading-tight sm:text-4xl">
          {step.title}
        </h1>
        <details className="mt-4 border-l-4 border-primary sm:hidden">
          <summary className="px-3 py-2 font-medium">
            Étapes ({index + 1} sur {steps.length})
          </summary>
          <StepRecap basePath={basePath} definition={definition} answers={answers} currentStepKey={step.key} headingId="recapitulatif-titre-replie" />
        </details>
        {step.description ? <p className="mt-4 text-lg text-ink-muted">{step.description}</p> : null}
      </div>
      <div className="grid gap-8 lg:grid-cols-3 lg:gap-12">
        <div className="min-w-0 lg:col-span-2 lg:col-start-1 lg:row-start-1">
          <StepForm
            key={step.key}
            // The step form's hidden `dossierId` carries the procedure here (the preview action reads it so).
            dossierId={procedure.id}
            definition={definition}
            stepKey={step.key}
            answers={answers}
            version={0}
            action={validatePreviewStepAction}
            returnToRecap={returnToRecap}
            previous={previous}
            stepPath={`${basePath}/${step.key}`}
            files={{ dossierId: procedure.id, attached: {}, lockerOptions: previewLockerOptions }}
            documentTitle={`${title} — ${getEnv().PORTAL_NAME}`}
            autosave={false}
          />
        </div>
        <div className="hidden sm:block lg:col-start-3 lg:row-start-1">
          <StepRecap basePath={basePath} definition={definition} answers={answers} currentStepKey={step.key} />
        </div>
      </div>
    </>
  );
}
