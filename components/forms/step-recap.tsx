import Link from 'next/link';
import type { Answers } from '@/lib/procedures/answers';
import { formatAnswer, getStepState, isAnswerEmpty, isFieldVisible, isInputField } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { StepStateTag } from './step-state-tag';

export type StepRecapProps = {
  /** Where the steps live: `/brouillons/<id>`, or the editor's preview. */
  basePath: string;
  definition: ProcedureDefinition;
  answers: Answers;
  /** The step on screen, marked aria-current. */
  currentStepKey?: string;
  /** Attachment id → file name, to show the files attached to file fields. */
  fileNames?: Record<string, string>;
  /** The heading's id, when the recap is on the page twice (folded on narrow screens). */
  headingId?: string;
};

/**
 * The recap column: every step with its state and its answers, each step a link, so any step
 * can be revisited and changed. Beside the form on wide screens, after it on medium ones, folded
 * in an "Étapes (2 sur 4)" disclosure under the heading on narrow ones.
 * No prefetch: a step page must be read after the autosave of the one being left, not before.
 */
export function StepRecap({ basePath, definition, answers, currentStepKey, fileNames, headingId = 'recapitulatif-titre' }: StepRecapProps) {
  return (
    <nav aria-labelledby={headingId} className="border-t-4 border-primary bg-surface p-4 sm:p-5">
      <h2 id={headingId} className="text-xl font-bold">
        Récapitulatif
      </h2>
      <ol className="mt-4 space-y-5">
        {definition.steps.map((step, index) => {
          const current = step.key === currentStepKey;
          const answered = step.fields.filter(
            (f) => isInputField(f) && isFieldVisible(f, answers, definition) && !isAnswerEmpty(answers[f.key]),
          );
          return (
            <li key={step.key}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <Link
                  href={`${basePath}/${step.key}`}
                  prefetch={false}
                  aria-current={current ? 'step' : undefined}
                  className={current ? 'font-bold text-ink no-underline' : 'font-medium'}
                >
                  {index + 1}. {step.title}
                </Link>
                <StepStateTag state={getStepState(definition, step.key, answers)} />
              </div>
              {answered.length ? (
                <dl className="mt-2 space-y-1 text-sm">
                  {answered.map((field) => (
                    <div key={field.key}>
                      <dt className="text-ink-soft">{field.label}</dt>
                      <dd className="line-clamp-3 whitespace-pre-line break-words">{formatAnswer(field, answers[field.key], fileNames)}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="mt-6 border-t border-line pt-4">
        <Link href={`${basePath}/recapitulatif`} prefetch={false} aria-current={currentStepKey === undefined ? 'step' : undefined}>
          Vérifier et déposer la demande
        </Link>
      </p>
    </nav>
  );
}
