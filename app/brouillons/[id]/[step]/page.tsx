import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { StepForm } from '@/components/forms/step-form';
import { StepRecap } from '@/components/forms/step-recap';
import { STEP_HEADING_ID } from '@/components/forms/step-form-state';
import { getEnv } from '@/lib/env';
import { Alert, Breadcrumbs } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { findDraft } from '@/lib/dossiers';
import { ClosingNotice } from '@/components/dossiers/closing-notice';
import { listLockerDocuments } from '@/lib/documents/locker';
import { TOO_LARGE_POST } from '@/lib/documents/limits';
import { describeValidity } from '@/lib/documents/validity';
import { attachedFilesByField } from '@/lib/documents/step-files';
import { saveStep } from './actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; step: string }>; searchParams: Promise<{ retour?: string | string[]; envoi?: string | string[] }> };

// Shared by generateMetadata and the page: one query per request.
const loadDraft = cache(async (id: string, step: string) => {
  const user = await requireCitizen(`/brouillons/${id}/${step}`);
  return findDraft(await getDb(), user.id, id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, step } = await params;
  const draft = await loadDraft(id, step);
  const index = draft?.definition.steps.findIndex((s) => s.key === step) ?? -1;
  if (!draft || index < 0) return { title: 'Page introuvable' };
  const total = draft.definition.steps.length;
  return { title: `${draft.definition.steps[index].title} — Étape ${index + 1} sur ${total} — ${draft.procedure.title}` };
}

export default async function DraftStepPage({ params, searchParams }: Props) {
  const { id, step: stepKey } = await params;
  const draft = await loadDraft(id, stepKey);
  if (!draft) notFound();
  const steps = draft.definition.steps;
  const index = steps.findIndex((s) => s.key === stepKey);
  if (index < 0) notFound();
  const step = steps[index];
  const query = await searchParams;
  const returnToRecap = query.retour === 'recapitulatif';
  const tooLarge = query[TOO_LARGE_POST.param] === TOO_LARGE_POST.value;
  const db = await getDb();
  const user = await requireCitizen(`/brouillons/${id}/${stepKey}`);
  const attached = await attachedFilesByField(db, user.id, draft.id);
  // The drop-down list of the Porte-documents: read only where a step asks for a file.
  const lockerDocuments = step.fields.some((f) => f.type === 'file') ? await listLockerDocuments(db, user.id) : [];
  // The type and dates in the option text: the citizen picks the recent one without opening it.
  const lockerOptions = lockerDocuments.map((d) => {
    const details = describeValidity(d);
    return { value: d.id, label: details ? `${d.title} (${d.filename}) — ${details}` : `${d.title} (${d.filename})` };
  });
  const title = `${step.title} — Étape ${index + 1} sur ${steps.length} — ${draft.procedure.title}`;
  const fileNames = Object.fromEntries(Object.values(attached).flat().map((f) => [f.id, f.filename]));
  const previous =
    index > 0 ? { href: `/brouillons/${draft.id}/${steps[index - 1].key}`, label: 'Étape précédente' } : { href: '/brouillons', label: 'Retour à mes brouillons' };

  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes brouillons', href: '/brouillons' }, { label: draft.procedure.title }]} />
      <div className="mb-8 max-w-3xl">
      <ClosingNotice opening={draft.procedure.opening} archived={draft.procedure.archived} />
        <p className="text-ink-muted">
          {draft.procedure.title} — pour {draft.beneficiaryLabel}
        </p>
        <p className="mt-1 font-medium text-ink-muted">
          Étape {index + 1} sur {steps.length}
        </p>
        <h1 id={STEP_HEADING_ID} tabIndex={-1} className="mt-2 text-3xl font-bold leading-tight sm:text-4xl">
          {step.title}
        </h1>
        {/* Narrow screens: the recap folded under the heading, so the first question is in view. */}
        <details className="mt-4 border-l-4 border-primary sm:hidden">
          <summary className="px-3 py-2 font-medium">
            Étapes ({index + 1} sur {steps.length})
          </summary>
          <StepRecap basePath={`/brouillons/${draft.id}`} definition={draft.definition} answers={draft.data} currentStepKey={step.key} fileNames={fileNames} headingId="recapitulatif-titre-replie" />
        </details>
        {step.description ? <p className="mt-4 text-lg text-ink-muted">{step.description}</p> : null}
      </div>
      {tooLarge ? (
        <Alert tone="error" role="alert" title="Vos fichiers n’ont pas été envoyés" className="max-w-3xl">
          <p>{TOO_LARGE_POST.message} Les réponses de cette étape n’ont pas été enregistrées non plus.</p>
        </Alert>
      ) : null}
      {/* The form comes first in the page and in tab order; the recap column beside it on wide
          screens (grid placement), after it on medium ones, folded under the heading on narrow ones. */}
      <div className="grid gap-8 lg:grid-cols-3 lg:gap-12">
        <div className="min-w-0 lg:col-span-2 lg:col-start-1 lg:row-start-1">
          <StepForm
            // A new step is a new form: nothing typed in one step lingers in the next.
            key={step.key}
            dossierId={draft.id}
            definition={draft.definition}
            stepKey={step.key}
            answers={draft.data}
            version={draft.version}
            action={saveStep}
            returnToRecap={returnToRecap}
            previous={previous}
            stepPath={`/brouillons/${draft.id}/${step.key}`}
            files={{ dossierId: draft.id, attached, lockerOptions }}
            documentTitle={`${title} — ${getEnv().PORTAL_NAME}`}
          />
        </div>
        <div className="hidden sm:block lg:col-start-3 lg:row-start-1">
          <StepRecap basePath={`/brouillons/${draft.id}`} definition={draft.definition} answers={draft.data} currentStepKey={step.key} fileNames={fileNames} />
        </div>
      </div>
    </>
  );
}
