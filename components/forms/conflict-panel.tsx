'use client';

import { useEffect, useRef, type MouseEvent } from 'react';
import { buttonClassName } from '@/components/ui';
import { SKIP_AUTOSAVE_ATTRIBUTE } from './use-autosave';

export type ConflictRow = { key: string; label: string; mine: string; saved: string };

export const CONFLICT_TITLE = 'Ce brouillon a été modifié ailleurs (autre onglet ou autre appareil).';

type Props = {
  rows: ConflictRow[];
  /** The step form: without JavaScript, "Garder mes saisies" posts it over the current version. */
  formId: string;
  /** The version stored now: "Garder mes saisies" saves over it. */
  keepVersion: number;
  reloadHref: string;
  /** With JavaScript: saves my values over the current version without leaving the page. */
  onKeepMine?: () => void;
  /** With JavaScript: forgets what this device kept, before the page reloads. */
  onReload?: () => void;
};

const empty = (text: string) => text || 'Non renseigné';

/** Both versions side by side and an explicit choice: a stale save never overwrites silently. */
export function ConflictPanel({ rows, formId, keepVersion, reloadHref, onKeepMine, onReload }: Props) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  function keepMine(event: MouseEvent<HTMLButtonElement>) {
    if (!onKeepMine) return; // no JavaScript: the button posts the form
    event.preventDefault();
    onKeepMine();
  }

  return (
    <section ref={ref} tabIndex={-1} role="alert" aria-labelledby="conflit-titre" className="mb-8 border-4 border-warning p-4 sm:p-6">
      <h2 id="conflit-titre" className="text-xl font-bold">
        {CONFLICT_TITLE}
      </h2>
      <p className="mt-2">Comparez les deux versions, puis choisissez celle à garder.</p>
      {rows.length ? (
        <ul className="mt-4 space-y-4">
          {rows.map((row) => (
            <li key={row.key}>
              <h3 className="font-bold">{row.label}</h3>
              <dl className="mt-1 grid gap-x-4 sm:grid-cols-[max-content_1fr]">
                <dt className="text-ink-muted">Votre saisie</dt>
                <dd className="whitespace-pre-line break-words">{empty(row.mine)}</dd>
                <dt className="text-ink-muted">Version enregistrée</dt>
                <dd className="whitespace-pre-line break-words">{empty(row.saved)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-4">
        <button type="submit" form={formId} name="keepVersion" value={keepVersion} onClick={keepMine} className={buttonClassName('primary')}>
          Garder mes saisies
        </button>
        <a href={reloadHref} onClick={onReload} {...{ [SKIP_AUTOSAVE_ATTRIBUTE]: '' }} className={buttonClassName('secondary')}>
          Recharger la version enregistrée
        </a>
      </div>
    </section>
  );
}
