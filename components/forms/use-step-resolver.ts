'use client';

import { useCallback, type RefObject } from 'react';
import type { FieldValues, Resolver } from 'react-hook-form';
import { tooLargeChoices } from '@/lib/documents/file-inputs';
import type { Answers } from '@/lib/procedures/answers';
import type { ProcedureDefinition, Step } from '@/lib/procedures/definition';

// zod and the compiled schema are fetched when the form is first checked, not with the page
// (decision 019): a step page paints and autosaves without them. Validation is on submit, so the
// module arrives well before it is needed; the promise is shared by every form of the page.
let schemaModules: Promise<[typeof import('@hookform/resolvers/zod'), typeof import('@/lib/procedures/compile-step')]> | undefined;
const loadSchemaModules = () => (schemaModules ??= Promise.all([import('@hookform/resolvers/zod'), import('@/lib/procedures/compile-step')]));

/** Starts fetching the schema when the citizen enters the form, so that the first check does not wait. */
export function preloadStepSchema(): void {
  void loadSchemaModules().catch(() => {
    // Offline or a deployment in between: the check retries the import when the form is submitted.
    schemaModules = undefined;
  });
}

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
  return useCallback<Resolver<FieldValues>>(
    async (_values, context, resolverOptions) => {
      const current = readForm();
      const modules = await loadSchemaModules().catch(() => {
        schemaModules = undefined;
        return null;
      });
      // Without the schema (offline, or a new version of the portal deployed meanwhile), the form
      // is sent as it is: the server runs the same schema and answers with the same messages.
      if (!modules) return { values: current, errors: {} };
      const [{ zodResolver }, { compileStep }] = modules;
      const schema = compileStep(definition, step.key, answers);
      const result = await (zodResolver(schema)(current, context, resolverOptions as never) as ReturnType<Resolver<FieldValues>>);
      const tooLarge = formRef.current ? tooLargeChoices(definition, step.fields, new FormData(formRef.current), { ...answers, ...current }) : {};
      if (Object.keys(tooLarge).length === 0) return result;
      const sizeErrors = Object.fromEntries(Object.entries(tooLarge).map(([key, message]) => [key, { type: 'size', message }]));
      return { values: {}, errors: { ...result.errors, ...sizeErrors } };
    },
    [readForm, definition, step, answers, formRef],
  );
}
