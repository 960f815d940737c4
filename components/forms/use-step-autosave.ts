'use client';

import { useEffect } from 'react';
import type { FieldValues, UseFormSetValue } from 'react-hook-form';
import type { Answers } from '@/lib/procedures/answers';
import { isSameAnswer, isStorableAnswer, type InputField } from '@/lib/procedures/step-rules';
import { toInputEntries } from './fields';
import type { StepOutcome } from './step-form-state';
import { useDraftAutosave } from './use-autosave';

type Options = {
  dossierId: string;
  /** The draft version the page was rendered with. */
  version: number;
  answers: Answers;
  outcome: StepOutcome | undefined;
  inputFields: Map<string, InputField>;
  readForm: () => Answers;
  refreshLive: () => void;
  setValue: UseFormSetValue<FieldValues>;
  /** False in the editor's preview: nothing is journaled or sent. */
  enabled: boolean;
};

/**
 * The step's autosave: the journal replayed into the inputs on load, what was typed before the
 * page became interactive caught up, and the version (or the conflict) the step action answered adopted.
 */
export function useStepAutosave({ dossierId, version, answers, outcome, inputFields, readForm, refreshLive, setValue, enabled }: Options) {
  const autosave = useDraftAutosave({
    dossierId,
    enabled,
    version: outcome?.version ?? version,
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
  useEffect(() => adoptVersion(version), [version, adoptVersion]);
  return autosave;
}
