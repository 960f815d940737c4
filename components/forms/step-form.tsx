'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { startTransition, useActionState, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { get, useForm, type FieldErrors, type FieldValues, type Resolver } from 'react-hook-form';
import { Alert, Button, ErrorSummary, type ErrorSummaryItem } from '@/components/ui';
import type { Answers } from '@/lib/procedures/answers';
import { compileStep, findStep, isFieldVisible, isInputField, isSameAnswer, isStorableAnswer, pickStorableAnswers, readStepForm } from '@/lib/procedures/compile-step';
import type { Field, ProcedureDefinition } from '@/lib/procedures/definition';
import { FILE_ACTIONS, fileInputNames, filesOverPostLimit, postLimitMessage, readFileAnswers, tooLargeChoices } from '@/lib/documents/file-inputs';
import { conflictRows } from './conflict-rows';
import type { FileFieldContext } from './field-file';
import { ConflictPanel } from './conflict-panel';
import { errorKeysOf, toFormValue, toInputEntries } from './fields';
import { controlIdOf, fieldKeyOfInput, type FormValue } from './form-values';
import { SaveStatusLine } from './save-status';
import { StepFields } from './step-fields';
import { STEP_FORM_FIELDS, type StepFormAction, type StepOutcome } from './step-form-state';
import { useDraftAutosave } from './use-autosave';

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
};

export const STEP_FORM_ID = 'formulaire-etape';

function summarize(fields: Field[], messageOf: (errorKey: string) => string | undefined): ErrorSummaryItem[] {
  return fields.flatMap((field) =>
    errorKeysOf(field).flatMap((key) => {
      const message = messageOf(key);
      return message ? [{ fieldId: controlIdOf(key), message }] : [];
    }),
  );
}

/**
 * One step of a draft. Without JavaScript: a plain form posted to the step action, which saves
 * and validates. With JavaScript: the same compiled zod schema checks on blur and on submit,
 * conditional fields follow the answers live, and every change is journaled and autosaved.
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

  // Read from the form element, not react-hook-form's values: the browser and the server action
  // then turn inputs into answers with the very same function before the same schema checks them.
  const schema = useMemo(() => compileStep(definition, stepKey, answers), [definition, stepKey, answers]);
  const resolver = useCallback<Resolver<FieldValues>>(
    async (_values, context, options) => {
      const current = readForm();
      const result = await (zodResolver(schema)(current, context, options as never) as ReturnType<Resolver<FieldValues>>);
      const tooLarge = formRef.current ? tooLargeChoices(definition, step.fields, new FormData(formRef.current), { ...answers, ...current }) : {};
      if (Object.keys(tooLarge).length === 0) return result;
      const sizeErrors = Object.fromEntries(Object.entries(tooLarge).map(([key, message]) => [key, { type: 'size', message }]));
      return { values: {}, errors: { ...result.errors, ...sizeErrors } };
    },
    [schema, readForm, definition, step, answers],
  );
  const form = useForm<FieldValues>({ resolver, mode: 'onBlur', reValidateMode: 'onBlur', shouldFocusError: false });
  const { setValue } = form;

  const autosave = useDraftAutosave({
    dossierId,
    version: outcome?.version ?? props.version,
    onReplay: (entries) => {
      for (const entry of entries) {
        const field = inputFields.get(entry.field);
        if (field) toInputEntries(field, entry.value).forEach(([name, value]) => setValue(name, value));
      }
      refreshLive();
      recordTypedBeforeHydration();
    },
  });

  // What was typed before the page became interactive fired no change event: catch it up.
  function recordTypedBeforeHydration() {
    const current = readForm();
    const shown = { ...answers, ...outcome?.answers };
    inputFields.forEach((field, key) => {
      if (!isSameAnswer(current[key], shown[key]) && isStorableAnswer(field, current[key])) autosave.record(key, current[key]);
    });
  }
  const { adoptVersion, enterConflict } = autosave;
  useEffect(() => {
    if (outcome?.kind === 'conflict') enterConflict(outcome.version, outcome.saved, outcome.answers);
    else if (outcome) adoptVersion(outcome.version);
  }, [outcome, adoptVersion, enterConflict]);
  useEffect(() => adoptVersion(props.version), [props.version, adoptVersion]);

  // Errors: react-hook-form's (blur, submit) first; the server's until the next browser check.
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [attempt, setAttempt] = useState(0);
  const rhfErrors = form.formState.errors;
  const serverErrors = outcome?.kind === 'invalid' || outcome?.kind === 'revealed' || outcome?.kind === 'files' ? outcome.fieldErrors : {};
  const messageOf = (errors: FieldErrors, key: string) => {
    const message = (get(errors, key) as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' && message ? message : undefined;
  };
  const errorOf = (key: string) => messageOf(rhfErrors, key) ?? (clientErrors ? undefined : serverErrors[key]?.[0]);
  const isVisible = (field: Field) => isFieldVisible(field, live, definition);
  const visibleInputs = step.fields.filter((f) => isInputField(f) && isVisible(f));
  const summary = clientErrors ? summarize(visibleInputs, (key) => messageOf(clientErrors, key)) : summarize(visibleInputs, (key) => serverErrors[key]?.[0]);

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

  const busy = useRef(false);
  async function sendWith(element: HTMLFormElement, submitter: HTMLElement | null) {
    busy.current = true;
    setClientErrors(null);
    // The action names the version it starts from: the autosave in flight must land first.
    await autosave.flush();
    const data = new FormData(element, submitter);
    data.set(STEP_FORM_FIELDS.baseVersion, String(autosave.currentVersion(outcome?.version ?? props.version)));
    startTransition(() => dispatch(data));
    busy.current = false;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || busy.current) return;
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    // Files that would take this post over the server's limit are taken out of the choice, with a
    // message: the others go first (Next would answer an oversized post with an error page).
    const overLimit = filesOverPostLimit(definition, step.fields, new FormData(element), live);
    if (overLimit.length) {
      for (const { key } of overLimit) {
        const input = element.elements.namedItem(fileInputNames(key).upload);
        if (input instanceof HTMLInputElement) input.value = '';
      }
      setClientErrors(Object.fromEntries(overLimit.map(({ key, filename }) => [key, { type: 'size', message: postLimitMessage(filename) }])));
      setAttempt((n) => n + 1);
      return;
    }
    if (submitter instanceof HTMLButtonElement && (submitter.name === FILE_ACTIONS.attach || submitter.name === FILE_ACTIONS.remove)) {
      // "Joindre" or "Retirer": no step validation, only the size of a chosen file (before a long upload).
      const tooLarge = tooLargeChoices(definition, step.fields, new FormData(element), live);
      if (Object.keys(tooLarge).length) {
        setClientErrors(Object.fromEntries(Object.entries(tooLarge).map(([key, message]) => [key, { type: 'size', message }])));
        setAttempt((n) => n + 1);
        return;
      }
      void sendWith(element, submitter);
      return;
    }
    void form.handleSubmit(
      () => sendWith(element, null),
      (errors) => {
        setClientErrors(errors);
        setAttempt((n) => n + 1);
      },
    )();
  }

  // A conflict is shown until the citizen chooses; with JavaScript, choosing does not reload.
  const [settledOutcome, setSettledOutcome] = useState<StepOutcome | null>(null);
  const conflict =
    autosave.status.kind === 'conflict'
      ? autosave.status
      : outcome?.kind === 'conflict' && outcome !== settledOutcome
        ? { version: outcome.version, saved: outcome.saved, mine: outcome.answers }
        : null;
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
            setSettledOutcome(outcome ?? null);
            void autosave.keepMine(outcome?.kind === 'conflict' ? pickStorableAnswers(definition, outcome.answers) : {});
          }}
          onReload={autosave.discard}
        />
      ) : null}
      <ErrorSummary key={`${attempt}-${clientErrors ? 'client' : 'server'}`} errors={pending ? [] : summary} formError={state && !state.ok ? state.formError : undefined} />
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
      <SaveStatusLine status={autosave.status} signInHref={signInHref} />
      <form id={STEP_FORM_ID} ref={formRef} action={dispatch} onSubmit={onSubmit} onChange={onFormChange} onBlur={() => void autosave.flush()} noValidate>
        <input type="hidden" name={STEP_FORM_FIELDS.dossierId} value={dossierId} />
        <input type="hidden" name={STEP_FORM_FIELDS.stepKey} value={stepKey} />
        <input type="hidden" name={STEP_FORM_FIELDS.baseVersion} value={baseVersion} />
        <input type="hidden" name={STEP_FORM_FIELDS.shown} value={visibleInputs.map((f) => f.key).join(',')} />
        {props.returnToRecap ? <input type="hidden" name={STEP_FORM_FIELDS.retour} value="recapitulatif" /> : null}
        {step.fields.some((f) => f.type === 'file') ? (
          // The form's default button: Enter in a text field validates the step, instead of pressing
          // the first "Retirer" or "Joindre ce fichier" button of a file question.
          <button type="submit" hidden tabIndex={-1}>
            Valider l’étape
          </button>
        ) : null}
        <StepFields fields={step.fields} isVisible={isVisible} values={shownValues} errorOf={errorOf} register={form.register} files={props.files} />
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

