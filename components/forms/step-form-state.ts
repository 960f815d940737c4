import type { ActionResult } from '@/lib/actions/result';
import type { StepStay } from '@/lib/dossiers/step-outcome';

// What the step action answers when it does not move on to the next page (lib/dossiers/step-outcome.ts).
// `ok: false` only comes from the action wrapper itself (session expired, tampered form).
export type StepOutcome = StepStay;

export type StepFormState = ActionResult<StepOutcome> | null;
export type StepFormAction = (previous: StepFormState, formData: FormData) => Promise<StepFormState>;

/** Form fields of the step page that are not answers. */
export const STEP_FORM_FIELDS = { dossierId: 'dossierId', stepKey: 'stepKey', baseVersion: 'baseVersion', keepVersion: 'keepVersion', shown: 'shown', retour: 'retour' } as const;

/** The step page's h1: focused after "Valider l'étape" has led to it (client-side navigation). */
export const STEP_HEADING_ID = 'titre-etape';
