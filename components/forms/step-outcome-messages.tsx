import { Alert } from '@/components/ui';
import type { StepFormState, StepOutcome } from './step-form-state';

type Props = { state: StepFormState; outcome: StepOutcome | undefined; signInHref: string };

/** What the step action said besides field errors: session expired, answers refused, new questions, files attached. */
export function StepOutcomeMessages({ state, outcome, signInHref }: Props) {
  return (
    <>
      {state && !state.ok ? (
        <p className="-mt-4 mb-8">
          <a href={signInHref}>Se reconnecter</a> : vos réponses de cette étape n’ont pas été enregistrées.
        </p>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <Alert tone="error" title="Vos réponses n’ont pas pu être enregistrées">
          <p>{outcome.message}</p>
        </Alert>
      ) : null}
      {outcome?.kind === 'revealed' ? (
        <Alert tone="info" title="De nouvelles questions sont apparues">
          <p>Votre réponse appelle des précisions : complétez les questions ajoutées ci-dessous, puis validez l’étape.</p>
        </Alert>
      ) : null}
      <div role="status" className="empty:hidden">
        {outcome?.kind === 'files' && outcome.notices.length ? (
          <div className="mb-6 border-l-4 border-success bg-success-tint p-4">
            {outcome.notices.map((notice) => (
              <p key={notice}>{notice}</p>
            ))}
          </div>
        ) : null}
        {outcome?.kind === 'files' && outcome.warnings?.length ? (
          <Alert tone="warning" title="Vérifiez ce document">
            {outcome.warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
            <p>Le document a bien été joint. Vous pouvez le remplacer par un document plus récent, ou continuer si vous n’en avez pas d’autre.</p>
          </Alert>
        ) : null}
      </div>
    </>
  );
}
