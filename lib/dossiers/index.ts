import 'server-only';

// Drafts and submitted dossiers: one use case per file, re-exported here.
export { type BeneficiaryChoice } from './beneficiary';
export { createDraft, type CreateDraftInput, type CreateDraftResult } from './create-draft';
export { deleteDraft, discardDraft, removeDraftFiles, type DiscardDraftOutcome } from './delete-draft';
export { findDraft, findDraftsOfProcedure, sameBeneficiary, type DraftView, type ProcedureDraft } from './find-draft';
export { listDrafts, type DraftSummary } from './list-drafts';
export { resumePath, summarizeProgress, type DraftProgress } from './progress';
export { renderReceiptPdf, receiptFilename, type ReceiptView } from './receipt';
export { saveDraftAnswers, type SaveDraftInput, type SaveDraftResult } from './save-draft-answers';
export { saveStep, type SaveStepInput } from './save-step';
export type { StepSaveOutcome, StepStay } from './step-outcome';
export { submitDossier, type SubmitDependencies, type SubmitDossierResult } from './submit-dossier';
export {
  findSubmittedDossier,
  listSubmittedDossiers,
  type AnswerSection,
  type DossierStatusView,
  type SubmittedDossierSummary,
  type SubmittedDossierView,
} from './submitted';
