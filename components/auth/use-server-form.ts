'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { useForm, type FieldErrors, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { ErrorSummaryItem } from '@/components/ui';
import type { ActionResult } from '@/lib/actions/result';

export type FormAction<State> = (previous: State | null, formData: FormData) => Promise<State>;

/** Loads a form's zod schema: a dynamic import, so that zod is not part of the page's first load. */
export type SchemaLoader<S> = () => Promise<S>;

const loadResolverModule = () => import('@hookform/resolvers/zod');

/**
 * react-hook-form's zod resolver on a schema fetched at the first check (decision 019): zod
 * (~85 KB gz with classic zod's locales) stays out of the page's first load. If the fetch fails
 * (offline, or a new version deployed meanwhile), the form goes to the server, which runs the
 * same schema and answers with the same messages.
 */
function lazyZodResolver<S extends z.ZodType<FieldValues, FieldValues>>(loadSchema: SchemaLoader<S>): Resolver<z.input<S>, unknown, z.output<S>> {
  return async (values, context, options) => {
    const loaded = await Promise.all([loadResolverModule(), loadSchema()]).catch(() => null);
    if (!loaded) return { values: values as never, errors: {} };
    const [{ zodResolver }, schema] = loaded;
    return zodResolver(schema as S)(values, context, options) as ReturnType<Resolver<z.input<S>, unknown, z.output<S>>>;
  };
}

function failure(state: ActionResult<unknown> | null) {
  return state && !state.ok ? state : null;
}

function summarize(order: readonly string[], messageOf: (name: string) => string | undefined): ErrorSummaryItem[] {
  return order.flatMap((name) => {
    const message = messageOf(name);
    return message ? [{ fieldId: name, message }] : [];
  });
}

/**
 * One form, two paths. Without JavaScript the `<form action>` posts to the server action and the
 * page comes back with the action state. With JavaScript, react-hook-form checks the same zod
 * schema first (on submit, then as a field in error changes: nothing moves on blur) and only valid input reaches the server action.
 */
export function useServerForm<S extends z.ZodType<FieldValues, FieldValues>, State extends ActionResult<unknown>>(
  loadSchema: SchemaLoader<S>,
  action: FormAction<State>,
  options: {
    /** Fields in page order: the order of the error summary. */
    fields: readonly string[];
    /** Values of fields the user does not type (hidden inputs). */
    defaultValues?: Partial<z.input<S>>;
  },
) {
  const fieldOrder = options.fields;
  const [state, dispatch, pending] = useActionState<State | null, FormData>(action, null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: lazyZodResolver(loadSchema),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // The error summary takes focus instead, and links to each field.
    shouldFocusError: false,
    defaultValues: options.defaultValues as never,
  });
  // Errors found in the browser at the last submit; null once the server has the last word.
  const [clientErrors, setClientErrors] = useState<ErrorSummaryItem[] | null>(null);
  // Remounting the summary on each rejected submit moves focus to it again, as GOV.UK does.
  const [attempt, setAttempt] = useState(0);

  const server = failure(state);
  const clientFieldErrors = form.formState.errors as FieldErrors;

  function fieldError(name: string): string | undefined {
    const client = clientFieldErrors[name]?.message;
    if (typeof client === 'string' && client) return client;
    return clientErrors ? undefined : server?.fieldErrors?.[name]?.[0];
  }

  const summary = clientErrors ?? summarize(fieldOrder, (name) => server?.fieldErrors?.[name]?.[0]);
  const formError = clientErrors ? undefined : server?.formError;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    if (pending) {
      event.preventDefault();
      return;
    }
    void form.handleSubmit(
      () => {
        setClientErrors(null);
        startTransition(() => dispatch(new FormData(element)));
      },
      (errors) => {
        setClientErrors(summarize(fieldOrder, (name) => errors[name]?.message as string | undefined));
        setAttempt((n) => n + 1);
      },
    )(event);
  }

  return {
    state,
    pending,
    register: form.register,
    /** Values echoed by the server after an error (never passwords), for the no-JavaScript path. */
    values: server?.values ?? {},
    fieldError,
    /** Props for <FormErrors>; hidden while a submission is pending so that the answer refocuses it. */
    summary: { errors: pending ? [] : summary, formError: pending ? undefined : formError, key: `${attempt}-${clientErrors ? 'client' : 'server'}` },
    // Entering the form starts fetching the schema, so that the first check does not wait for it.
    formProps: { action: dispatch, onSubmit, onFocus: () => void Promise.all([loadResolverModule(), loadSchema()]).catch(() => undefined), noValidate: true as const },
  };
}
