'use client';

import Link from 'next/link';
import { useActionState, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useForm, type FieldValues } from 'react-hook-form';
import { Button, ErrorSummary } from '@/components/ui';
import type { Answers } from '@/lib/procedures/answers';
import { findStep, isFieldVisible, isInputField, isStorableAnswer, pickStorableAnswers, readStepForm } from '@/lib/procedures/step-rules';
import type { Field, ProcedureDefinition } from '@/lib/procedures/definition';
import { fileInputNames, readFileAnswers } from '@/lib/documents/file-inputs';
import { conflictRows } from './conflict-rows';
import type { FileFieldContext } from './field-file';
import { ConflictPanel } from './conflict-panel';
import { toFormValue } from './fields';
import { fieldKeyOfInput, type FormValue } from './form-values';
import { SaveStatusLine } from './save-status';
import { StepFields } from './step-fields';
import { useStepErrors } from './step-form-errors';
import { StepFormHiddenFields } from './step-form-hidden-fields';
import { STEP_HEADING_ID, type StepFormAction, type StepOutcome } from './step-form-state';
import { StepOutcomeMessages } from './step-outcome-messages';
import { useStepAutosave } from './use-step-autosave';
import { useStepConflict } from './use-step-conflict';
import { preloadStepSchema, useStepResolver } from './use-step-resolver';
import { takeArrival, useStepSubmit } from './use-step-submit';

export type StepFormProps = {
  dossierId: string;
  definition: ProcedureDefinition;
  stepKey: string;
  /** The draft's answers, all steps: conditions may look at earlier steps. */
  answers: Answers;
  version: number;
  action: StepFormAction;
  /** Came from "Modifier" on the recap page: go back there once the step is valid. */
  returnToRecap: boolean;
  previous: { href: string; label: string };
  /** This page's path, for the sign-in link when the session has expired. */
  stepPath: string;
  /** The draft's attached files and the citizen's locker documents, for file fields. */
  files: FileFieldContext;
  /** The page's full document title: it starts with "Erreur : " while errors show (GOV.UK/DSFR). */
  documentTitle: string;
  /** False in the editor's preview ("Aperçu"): no journal, no autosave; the action writes nothing either. */
  autosave?: boolean;
};

const subscribeToNothing = () => () => {};

export const STEP_FORM_ID = 'formulaire-etape';

/**
 * One step of a draft. Without JavaScript: a plain form posted to the step action, which saves
 * and validates. With JavaScript: the same compiled zod schema (use-step-resolver) checks on
 * submit, then re-checks as they change the fields that show an error; nothing appears or goes on
 * blur, so no control moves between pointer-down and click (no lost click). Conditional fields follow the answers live, and every change is journaled
 * and autosaved (use-autosave). The parts: errors (step-form-errors), what the action said
 * (step-outcome-messages), the conflict (use-step-conflict), sending (use-step-submit).
 */
export function StepForm(props: StepFormProps) {
  const { dossierId, definition, stepKey, answers } = props;
  const step = findStep(definition, stepKey)!;
  const inputFields = useMemo(() => new Map(step.fields.filter(isInputField).map((f) => [f.key, f] as const)), [step]);
  const [state, dispatch, pending] = useActionState(props.action, null);
  const outcome: StepOutcome | undefined = state?.ok ? state.data : undefined;
  const formRef = useRef<HTMLFormElement>(null);

  // The inputs first show what was just posted (after an error or a conflict), else the draft.
  const [live, setLive] = useState<Answers>(() => ({ ...answers, ...outcome?.answers }));
  const attached = props.files.attached;
  const readForm = useCallback((): Answers => {
    if (!formRef.current) return {};
    const data = new FormData(formRef.current);
    // A file chosen but not sent yet counts as an answer here; the server attaches it, then checks.
    return { ...readStepForm(definition, stepKey, data), ...readFileAnswers(step.fields, data, attached) };
  }, [definition, stepKey, step, attached]);
  const refreshLive = useCallback(() => setLive((previous) => ({ ...previous, ...readForm() })), [readForm]);

  const resolver = useStepResolver({ definition, step, answers, formRef, readForm });
  const form = useForm<FieldValues>({ resolver, mode: 'onSubmit', reValidateMode: 'onChange', shouldFocusError: false });
  const { setValue } = form;

  const autosave = useStepAutosave({ dossierId, version: props.version, answers, outcome, inputFields, readForm, refreshLive, setValue, enabled: props.autosave !== false });

  const isVisible = (field: Field) => isFieldVisible(field, live, definition);
  const visibleInputs = step.fields.filter((f) => isInputField(f) && isVisible(f));
  const errors = useStepErrors(form.formState.errors, outcome, visibleInputs);

  const shownValues = useMemo(() => {
    const values: Record<string, FormValue> = {};
    const shown = { ...answers, ...outcome?.answers };
    inputFields.forEach((field, key) => (values[key] = toFormValue(field, shown[key])));
    return values;
  }, [answers, outcome, inputFields]);

  function onFormChange(event: FormEvent<HTMLFormElement>) {
    const field = inputFields.get(fieldKeyOfInput((event.target as HTMLInputElement).name ?? ''));
    if (!field) return;
    const current = readForm();
    setLive((previous) => ({ ...previous, ...current }));
    if (isStorableAnswer(field, current[field.key])) autosave.record(field.key, current[field.key]);
  }

  // Once the server has answered, chosen files are attached (or refused): the inputs start empty again.
  useEffect(() => {
    if (!outcome || !formRef.current) return;
    for (const field of step.fields) {
      if (field.type !== 'file') continue;
      const names = fileInputNames(field.key);
      for (const name of [names.upload, names.locker]) {
        const input = formRef.current.elements.namedItem(name);
        if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = '';
      }
    }
  }, [outcome, step]);

  const onSubmit = useStepSubmit({
    definition,
    step,
    live,
    pending,
    version: outcome?.version ?? props.version,
    autosave,
    dispatch,
    handleSubmit: form.handleSubmit,
    refuse: errors.refuse,
    clearErrors: errors.clear,
  });

  // Arrived here by "Valider l'étape" (client-side navigation): focus would stay on <body>. The
  // heading takes it, unless the error summary has (it focuses itself when it appears).
  useEffect(() => {
    if (!takeArrival()) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    document.getElementById(STEP_HEADING_ID)?.focus();
  }, []);
  // An answer from the action means the page stayed: no arrival to focus later.
  useEffect(() => {
    if (state) takeArrival();
  }, [state]);
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const formError = state && !state.ok ? state.formError : undefined;
  const failed = !pending && (errors.summary.length > 0 || !!formError);

  const { conflict, settle } = useStepConflict(autosave.status, outcome);
  const reloadHref = `${props.stepPath}${props.returnToRecap ? '?retour=recapitulatif' : ''}`;
  const signInHref = `/connexion?callbackUrl=${encodeURIComponent(reloadHref)}`;
  const baseVersion = outcome?.kind === 'conflict' ? outcome.baseVersion : (outcome?.version ?? props.version);

  return (
    <>
      {conflict ? (
        <ConflictPanel
          rows={conflictRows(definition, conflict.mine, conflict.saved)}
          formId={STEP_FORM_ID}
          keepVersion={conflict.version}
          reloadHref={reloadHref}
          onKeepMine={() => {
            settle();
            void autosave.keepMine(outcome?.kind === 'conflict' ? pickStorableAnswers(definition, outcome.answers) : {});
          }}
          onReload={autosave.discard}
        />
      ) : null}
      {failed && inBrowser ? <title>{`Erreur : ${props.documentTitle}`}</title> : null}
      <ErrorSummary key={errors.summaryKey} errors={pending ? [] : errors.summary} formError={formError} />
      <StepOutcomeMessages state={state} outcome={outcome} signInHref={signInHref} />
      <SaveStatusLine status={autosave.status} signInHref={signInHref} />
      <form id={STEP_FORM_ID} ref={formRef} action={dispatch} onSubmit={onSubmit} onChange={onFormChange} onBlur={() => void autosave.flush()} onFocus={preloadStepSchema} noValidate>
        <StepFormHiddenFields
          dossierId={dossierId}
          stepKey={stepKey}
          baseVersion={baseVersion}
          shown={visibleInputs.map((f) => f.key)}
          returnToRecap={props.returnToRecap}
          hasFileQuestion={step.fields.some((f) => f.type === 'file')}
        />
        <StepFields fields={step.fields} isVisible={isVisible} values={shownValues} errorOf={errors.errorOf} register={form.register} files={props.files} />
        <div className="mt-8 flex flex-wrap items-center gap-x-6 gap-y-4">
          <Button type="submit" disabled={pending}>
            Valider l’étape
          </Button>
          <Link href={props.previous.href} prefetch={false}>
            {props.previous.label}
          </Link>
        </div>
      </form>
    </>
  );
}
