'use client';

import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui';

export type FormErrorsProps = {
  summary: { errors: ErrorSummaryItem[]; formError?: string; key: string };
  /** The page's full document title; while errors show, the title starts with "Erreur : " (GOV.UK/DSFR). */
  documentTitle?: string;
};

/** Error summary of a form, and the "Erreur : " title (a rendered <title> comes before the page's own). */
export function FormErrors({ summary, documentTitle }: FormErrorsProps) {
  const failed = summary.errors.length > 0 || !!summary.formError;
  return (
    <>
      {failed && documentTitle ? <title>{`Erreur : ${documentTitle}`}</title> : null}
      <ErrorSummary key={summary.key} errors={summary.errors} formError={summary.formError} />
    </>
  );
}
