'use client';

import { useEffect, useId, useRef, type MouseEvent } from 'react';

export type ErrorSummaryItem = { fieldId: string; message: string };
export type ErrorSummaryProps = {
  errors: ErrorSummaryItem[];
  /** An error about the whole form (no field to link to). */
  formError?: string;
  title?: string;
};

// Moves focus to the field and brings its label (or legend) into view, as GOV.UK does.
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const label = field.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

/**
 * Error summary at the top of a form: takes focus when it appears (and when the errors change)
 * and links to every field in error. A focus ring shows where focus went (the global rule hides it
 * on other programmatic targets). (Next owns document.title: a page that wants the
 * "Erreur : " title prefix sets it through its metadata.)
 */
export function ErrorSummary({ errors, formError, title = 'Il y a un problème' }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const count = errors.length;
  const signature = `${formError ?? ''}|${errors.map((e) => `${e.fieldId}:${e.message}`).join('|')}`;
  const visible = count > 0 || !!formError;

  useEffect(() => {
    if (!visible) return;
    ref.current?.focus();
  }, [signature, visible]);

  if (!visible) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId} className="mb-8 border-4 border-error p-4 focus:outline-3 focus:outline-offset-4 focus:outline-focus sm:p-6">
      <h2 id={titleId} className="text-xl font-bold">
        {title}
      </h2>
      {formError ? <p className="mt-2">{formError}</p> : null}
      {count > 0 ? (
        <>
          <p className="mt-2">{count === 1 ? 'Le formulaire contient 1 erreur :' : `Le formulaire contient ${count} erreurs :`}</p>
          <ul className="mt-2 list-none space-y-1">
            {errors.map((error) => (
              <li key={`${error.fieldId}-${error.message}`}>
                <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)} className="font-bold text-error">
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
