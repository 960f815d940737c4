'use client';

import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui';

/**
 * The success message shown after a redirect (?modifie=1): focused on arrival, so a screen reader
 * reads it even though it was already on the page when the page loaded.
 */
export function FlashMessage({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="max-w-2xl">
      <Alert tone="success">
        <p>{message}</p>
      </Alert>
    </div>
  );
}
