import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader, Pagination } from '@/components/ui';
import { requireAdmin } from '@/lib/auth/guards';
import { listJournal } from '@/lib/backoffice/journal';
import { pageQuerySchema } from '@/lib/backoffice/schemas';
import { getDb } from '@/lib/db';
import { formatDateTime } from '@/lib/dossiers/dates';
import { BackOfficeNav } from '../back-office-nav';

export const metadata: Metadata = { title: 'Journal' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function JournalPage({ searchParams }: Props) {
  const user = await requireAdmin('/admin/journal');
  const { page } = pageQuerySchema.parse(await searchParams);
  const journal = await listJournal(await getDb(), user, page);
  if (!journal) notFound();

  return (
    <>
      <BackOfficeNav isAdmin current="journal" />
      <PageHeader title="Journal" lead="Les événements de sécurité et les actions des agents, les plus récents en premier. Aucun mot de passe, jeton ni contenu de message n’y figure." />
      <p role="status" className="mb-4">
        {journal.total === 0 ? 'Aucun événement pour le moment.' : `${journal.total} événement${journal.total > 1 ? 's' : ''}, page ${journal.page} sur ${journal.pageCount}.`}
      </p>
      <ol className="max-w-4xl divide-y divide-line border-y border-line">
        {journal.entries.map((entry) => (
          <li key={entry.id} className="grid gap-x-4 gap-y-1 py-3 sm:grid-cols-[13rem_minmax(0,1fr)]">
            <p className="text-ink-muted">
              <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
            </p>
            <div className="break-words">
              <p className="font-bold">{entry.actionLabel}</p>
              <p className="text-sm">
                {entry.actor ? `Par ${entry.actor}` : 'Par un visiteur ou un compte supprimé'}
                {entry.target.label ? ` — ${entry.target.label} ${entry.target.dossierNumber ? `n° ${entry.target.dossierNumber}` : (entry.target.id ?? '')}` : ''}
              </p>
            </div>
          </li>
        ))}
      </ol>
      <Pagination page={journal.page} pageCount={journal.pageCount} hrefForPage={(n) => (n > 1 ? `/admin/journal?page=${n}` : '/admin/journal')} />
    </>
  );
}
