'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

// Error boundary of every page: a plain message and a retry, never the error's details.
// The digest lets support find the matching server log line.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <div className="prose-public">
      <h1 ref={heading} tabIndex={-1} className="mb-6 text-3xl font-bold sm:text-4xl">
        Une erreur est survenue
      </h1>
      <p>
        Le portail n’a pas pu afficher cette page. Vos brouillons enregistrés ne sont pas perdus. Vous pouvez réessayer
        dans quelques instants.
      </p>
      {digest ? (
        <p className="text-sm text-ink-soft">
          Si le problème persiste, indiquez ce code au support : <code>{digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-4">
        <Button type="button" onClick={() => retry()}>
          Réessayer
        </Button>
        <Link href="/" className="self-center">
          Retour à l’accueil
        </Link>
      </div>
    </div>
  );
}
