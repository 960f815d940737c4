import Link from 'next/link';
import { Alert } from '@/components/ui';
import type { Answers } from '@/lib/procedures/answers';
import { formatAnswer, getStepState, isFieldVisible, isInputField } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition, Step } from '@/lib/procedures/definition';
import { StepStateTag } from './step-state-tag';

type Props = { /** Where the steps live: `/brouillons/<id>`, or the editor's preview. */ basePath: string; definition: ProcedureDefinition; answers: Answers; fileNames?: Record<string, string> };

/** Id of the "Compléter l'étape" link of a step: the submission's error summary points at it. */
export const completeStepLinkId = (stepKey: string) => `completer-${stepKey}`;

/** "Vérifiez vos réponses": every visible answer of every step, each with its "Modifier" link. */
export function AnswersReview({ basePath, definition, answers, fileNames }: Props) {
  return (
    <>
      {definition.steps.map((step, index) => (
        <StepReview key={step.key} basePath={basePath} definition={definition} answers={answers} fileNames={fileNames} step={step} index={index} />
      ))}
    </>
  );
}

function StepReview({ basePath, definition, answers, fileNames, step, index }: Props & { step: Step; index: number }) {
  const state = getStepState(definition, step.key, answers);
  const stepHref = `${basePath}/${step.key}`;
  const fields = step.fields.filter((f) => isInputField(f) && isFieldVisible(f, answers, definition));
  const titleId = `etape-${step.key}-titre`;
  return (
    <section aria-labelledby={titleId} className="mb-10">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id={titleId} className="text-2xl font-bold">
          {index + 1}. {step.title}
        </h2>
        <StepStateTag state={state} />
      </div>
      {state !== 'complete' ? (
        <Alert tone="warning" className="mt-0">
          <p>
            Cette étape est incomplète.{' '}
            <Link id={completeStepLinkId(step.key)} href={`${stepHref}?retour=recapitulatif`} prefetch={false}>
              Compléter l’étape « {step.title} »
            </Link>
          </p>
        </Alert>
      ) : null}
      <dl className="border-t border-line">
        {fields.map((field) => (
          <div key={field.key} className="grid gap-x-6 gap-y-1 border-b border-line py-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_7rem]">
            <dt className="font-medium">{field.label}</dt>
            <dd className="whitespace-pre-line break-words">
              {formatAnswer(field, answers[field.key], fileNames) || <span className="text-ink-soft">{field.type === 'file' ? 'Aucun fichier joint' : 'Non renseigné'}</span>}
            </dd>
            <dd className="sm:text-right">
              <Link href={`${stepHref}?retour=recapitulatif#${field.key}`} prefetch={false}>
                Modifier<span className="sr-only"> : {field.label}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
