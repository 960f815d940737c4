import Link from 'next/link';
import { formatTime } from '@/lib/common/dates';
import type { SaveStatus } from './autosave-client';

const KEPT = 'vos saisies sont conservées sur cet appareil';

/**
 * The autosave status line, a polite live region that is always in the page (a region that
 * appears with its text is not announced). Empty until the first save: without JavaScript
 * nothing saves by itself, so it says nothing.
 */
export function SaveStatusLine({ status, signInHref }: { status: SaveStatus; signInHref: string }) {
  return (
    <p role="status" aria-live="polite" className="mb-4 min-h-6 text-ink-muted">
      <StatusText status={status} signInHref={signInHref} />
    </p>
  );
}

function StatusText({ status, signInHref }: { status: SaveStatus; signInHref: string }) {
  switch (status.kind) {
    case 'saving':
      return 'Enregistrement…';
    case 'saved':
      return `Enregistré à ${formatTime(status.at)}`;
    case 'offline':
      return `Hors connexion — ${KEPT}`;
    case 'unavailable':
      return `Enregistrement impossible pour le moment — ${KEPT}. Nouvel essai automatique dans quelques secondes.`;
    case 'expired':
      return (
        <strong className="text-error">
          Votre session a expiré : <a href={signInHref}>reconnectez-vous</a>, {KEPT}.
        </strong>
      );
    case 'conflict':
      return <strong className="text-error">Enregistrement suspendu : ce brouillon a été modifié ailleurs.</strong>;
    case 'gone':
      return (
        <strong className="text-error">
          Ce brouillon n’existe plus : il a été déposé ou supprimé. <Link href="/brouillons">Voir mes brouillons</Link>
        </strong>
      );
    case 'wrong-address':
      return (
        <strong className="text-error">
          Vos réponses ne peuvent pas être enregistrées sur le serveur depuis cette adresse ; elles sont gardées sur cet appareil.
          {status.publicHref ? (
            <>
              {' '}
              <a href={status.publicHref}>Continuer à l’adresse du portail</a>
            </>
          ) : null}
        </strong>
      );
    case 'refused':
      return 'Une saisie n’a pas pu être enregistrée : vérifiez vos réponses, puis validez l’étape.';
    default:
      return null;
  }
}
