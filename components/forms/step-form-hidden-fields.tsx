import { STEP_FORM_FIELDS } from './step-form-state';

type Props = { dossierId: string; stepKey: string; baseVersion: number; shown: string[]; returnToRecap: boolean; hasFileQuestion: boolean };

/** What the step action needs besides the answers: which draft, which step, from which version, which questions were on screen. */
export function StepFormHiddenFields({ dossierId, stepKey, baseVersion, shown, returnToRecap, hasFileQuestion }: Props) {
  return (
    <>
      <input type="hidden" name={STEP_FORM_FIELDS.dossierId} value={dossierId} />
      <input type="hidden" name={STEP_FORM_FIELDS.stepKey} value={stepKey} />
      <input type="hidden" name={STEP_FORM_FIELDS.baseVersion} value={baseVersion} />
      <input type="hidden" name={STEP_FORM_FIELDS.shown} value={shown.join(',')} />
      {returnToRecap ? <input type="hidden" name={STEP_FORM_FIELDS.retour} value="recapitulatif" /> : null}
      {hasFileQuestion ? (
        // The form's default button: Enter in a text field validates the step, instead of pressing
        // the first "Retirer" or "Joindre ce fichier" button of a file question.
        <button type="submit" hidden tabIndex={-1}>
          Valider l’étape
        </button>
      ) : null}
    </>
  );
}
