'use client';

import { startTransition, useRef, type FormEvent } from 'react';
import type { FieldErrors, FieldValues, UseFormHandleSubmit } from 'react-hook-form';
import { FILE_ACTIONS, fileInputNames, filesOverPostLimit, postLimitMessage, tooLargeChoices } from '@/lib/documents/file-inputs';
import type { Answers } from '@/lib/procedures/answers';
import type { ProcedureDefinition, Step } from '@/lib/procedures/definition';
import { STEP_FORM_FIELDS } from './step-form-state';
import type { AutosaveHandle } from './use-autosave';

type Options = {
  definition: ProcedureDefinition;
  step: Step;
  /** The answers on screen (files chosen included). */
  live: Answers;
  pending: boolean;
  /** The draft version the page shows, before any save of this page. */
  version: number;
  autosave: Pick<AutosaveHandle, 'flush' | 'currentVersion'>;
  dispatch: (data: FormData) => void;
  handleSubmit: UseFormHandleSubmit<FieldValues>;
  refuse: (errors: FieldErrors) => void;
  clearErrors: () => void;
};

// Set when "Valider l'étape" is sent: the next step form to mount takes focus to its heading.
let arriving = false;
/** Whether a step validation was sent and not answered yet; resets the flag. */
export function takeArrival(): boolean {
  const was = arriving;
  arriving = false;
  return was;
}

const sizeErrors = (messages: [string, string][]): FieldErrors => Object.fromEntries(messages.map(([key, message]) => [key, { type: 'size', message }]));

/**
 * With JavaScript, "Valider l'étape", "Joindre" and "Retirer" go through here: files too large are
 * refused before a long upload, the step is checked in the browser, and the post names the
 * version the autosave reached.
 */
export function useStepSubmit(options: Options) {
  const { definition, step, live, pending, autosave, dispatch, handleSubmit, refuse, clearErrors } = options;
  const busy = useRef(false);

  async function sendWith(element: HTMLFormElement, submitter: HTMLElement | null) {
    busy.current = true;
    clearErrors();
    // The action names the version it starts from: the autosave in flight must land first.
    await autosave.flush();
    const data = new FormData(element, submitter);
    data.set(STEP_FORM_FIELDS.baseVersion, String(autosave.currentVersion(options.version)));
    startTransition(() => dispatch(data));
    busy.current = false;
  }

  return function onSubmit(event: FormEvent<HTMLFormElement>) {
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
      refuse(sizeErrors(overLimit.map(({ key, filename }) => [key, postLimitMessage(filename)])));
      return;
    }
    if (submitter instanceof HTMLButtonElement && (submitter.name === FILE_ACTIONS.attach || submitter.name === FILE_ACTIONS.remove)) {
      // "Joindre" or "Retirer": no step validation, only the size of a chosen file (before a long upload).
      const tooLarge = tooLargeChoices(definition, step.fields, new FormData(element), live);
      if (Object.keys(tooLarge).length) {
        refuse(sizeErrors(Object.entries(tooLarge)));
        return;
      }
      void sendWith(element, submitter);
      return;
    }
    void handleSubmit(() => {
      arriving = true;
      return sendWith(element, null);
    }, refuse)();
  };
}
