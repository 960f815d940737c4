'use client';

import type { ReactNode } from 'react';
import { clearAllDraftJournals } from '@/components/forms/draft-journal';

/**
 * Every "Se déconnecter" form. Before the post leaves, the drafts journal kept in this browser is
 * wiped: on a shared computer the next person must not find what was typed. (Without JavaScript
 * there is no journal to wipe.)
 */
export function SignOutForm({ action, className, children }: { action: (formData: FormData) => void | Promise<void>; className?: string; children: ReactNode }) {
  return (
    <form action={action} className={className} onSubmit={() => clearAllDraftJournals()}>
      {children}
    </form>
  );
}
