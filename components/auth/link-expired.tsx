import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui';

export type LinkExpiredProps = { lifetime: string; children?: ReactNode };

/** An emailed link that is expired, already used, replaced by a newer one or mistyped: one page for all. */
export function LinkExpired({ lifetime, children }: LinkExpiredProps) {
  return (
    <div className="max-w-2xl">
      <PageHeader title="Ce lien n’est plus valable" />
      <p className="mb-6">
        Il a peut-être expiré (il est valable {lifetime}), il a déjà servi, ou un lien plus récent l’a remplacé. Utilisez le
        dernier lien reçu, ou demandez-en un nouveau.
      </p>
      {children}
    </div>
  );
}
