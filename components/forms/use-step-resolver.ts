'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useMemo, type RefObject } from 'react';
import type { FieldValues, Resolver } from 'react-hook-form';
import { tooLargeChoices } from '@/lib/documents/file-inputs';
import type { Answers } from '@/lib/procedures/answers';
import { compileStep } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition, Step } from '@/lib/procedures/definition';

/**
 * The browser's check of the step: the same compiled zod schema as the action, on answers read
 * from the form element (not react-hook-form's values), so that the browser and the server turn
 * inputs into answers with the very same function. Chosen files too large are refused here too.
 */
export function useStepResolver(options: {
  definition: ProcedureDefinition;
  step: Step;
  answers: Answers;
  formRef: RefObject<HTMLFormElement | null>;
  readForm: () => Answers;
}): Resolver<FieldValues> {
  const { definition, step, answers, formRef, readForm } = options;
  const schema = useMemo(() => compileStep(definition, step.key, answers), [definition, step.key, answers]);
  return useCallback<Resolver<FieldValues>>(
    async (_values, context, resolverOptions) => {
      const current = readForm();
      const result = await (zodResolver(schema)(current, context, resolverOptions as never) as ReturnType<Resolver<FieldValues>>);
      const tooLarge = formRef.current ? tooLargeChoices(definition, step.fields, new FormData(formRef.current), { ...answers, ...current }) : {};
      if (Object.keys(tooLarge).length === 0) return result;
      const sizeErrors = Object.fromEntries(Object.entries(tooLarge).map(([key, message]) => [key, { type: 'size', message }]));
      return { values: {}, errors: { ...result.errors, ...sizeErrors } };
    },
    [schema, readForm, definition, step, answers, formRef],
  );
}
