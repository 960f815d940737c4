import type { Metadata } from 'next';
import { Breadcrumbs, Button, ErrorSummary, Label, PageHeader, Pagination, TextField } from '@/components/ui';
import { requireAdmin } from '@/lib/auth/guards';
import { JOURNAL_PAGE_SIZE, listAuditEntries } from '@/lib/administration/list-audit-entries';
import { listJournalTypes } from '@/lib/administration/list-journal-types';
import { journalFilterSchema, type JournalFilter } from '@/lib/administration/schemas';
import { getDb } from '@/lib/db';

export const metadata: Metadata = { title: 'Journal — Administration' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Invalid filters are reported and ignored, one by one: the journal still shows. */
function readFilter(params: Record<string, string | string[] | undefined>) {
  const raw = { type: first(params.type) ?? '', du: first(params.du) ?? '', au: first(params.au) ?? '', page: first(params.page) ?? '1' };
  const parsed = journalFilterSchema.safeParse(raw);
  if (parsed.success) return { raw, filter: parsed.data, errors: [] };
  const errors = parsed.error.issues.map((issue) => ({ fieldId: `filtre-${String(issue.path[0])}`, message: issue.message }));
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const cleaned = journalFilterSchema.safeParse({ ...raw, ...Object.fromEntries([...bad].map((k) => [k, ''])) });
  return { raw, filter: cleaned.success ? cleaned.data : ({ page: 1 } as JournalFilter), errors };
}

function formatDateTime(date: Date): string {
  return date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const selectClass = 'block min-h-11 w-full max-w-xl border-2 border-ink-muted bg-white px-3 py-2 text-base text-ink';

export default async function JournalPage({ searchParams }: Props) {
  const admin = await requireAdmin('/admin/journal');
  const { raw, filter, errors } = readFilter(await searchParams);
  const db = await getDb();
  const [journal, types] = await Promise.all([listAuditEntries(db, admin, filter), listJournalTypes(db, admin)]);
  const groups = [...new Set(types.map((t) => t.group))];
  const groupKeys = new Map(types.map((t) => [t.group, t.value.split('.')[0]]));
  const hrefForPage = (page: number) => {
    const query = new URLSearchParams();
    if (filter.type) query.set('type', filter.type);
    if (filter.du) query.set('du', filter.du);
    if (filter.au) query.set('au', filter.au);
    if (page > 1) query.set('page', String(page));
    const text = query.toString();
    return text ? `/admin/journal?${text}` : '/admin/journal';
  };
  const from = (journal.page - 1) * JOURNAL_PAGE_SIZE + 1;
  const to = from + journal.entries.length - 1;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Administration', href: '/admin' }, { label: 'Journal' }]} />
      <PageHeader title="Journal des opérations" lead="Qui a fait quoi, et quand : connexions, comptes, démarches, agents. Les mots de passe et les liens envoyés n’y figurent jamais." />
      <ErrorSummary errors={errors} title="Certains filtres ont été ignorés" />
      <form method="get" action="/admin/journal" className="mb-8 max-w-3xl" role="search" aria-label="Filtrer le journal">
        <div className="mb-6">
          <Label htmlFor="filtre-type">Type d’événement</Label>
          <select id="filtre-type" name="type" defaultValue={filter.type ?? ''} className={selectClass}>
            <option value="">Tous les événements</option>
            {groups.map((group) => (
              <optgroup key={group} label={group}>
                <option value={groupKeys.get(group)}>{`Tout : ${group}`}</option>
                {types
                  .filter((t) => t.group === group)
                  .map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap gap-x-6">
          <TextField id="filtre-du" name="du" type="date" label="Du" optional defaultValue={errors.some((e) => e.fieldId === 'filtre-du') ? raw.du : (filter.du ?? '')} />
          <TextField id="filtre-au" name="au" type="date" label="Au" optional defaultValue={errors.some((e) => e.fieldId === 'filtre-au') ? raw.au : (filter.au ?? '')} />
        </div>
        <Button type="submit">Filtrer</Button>
      </form>
      <p role="status" className="mb-4">
        {journal.total === 0
          ? 'Aucun événement ne correspond à ces filtres.'
          : `${journal.total} événement${journal.total > 1 ? 's' : ''}${journal.pageCount > 1 ? ` — ${from} à ${to}, page ${journal.page} sur ${journal.pageCount}` : ''}, du plus récent au plus ancien.`}
      </p>
      {journal.entries.length ? (
        <div className="overflow-x-auto" role="region" aria-labelledby="journal-caption" tabIndex={0}>
          <table className="w-full border-collapse text-left">
            <caption id="journal-caption" className="sr-only">
              Événements du journal, du plus récent au plus ancien
            </caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pr-4">Date et heure</th>
                <th scope="col" className="py-2 pr-4">Événement</th>
                <th scope="col" className="py-2 pr-4">Par</th>
                <th scope="col" className="py-2 pr-4">Concerne</th>
                <th scope="col" className="py-2">Détails</th>
              </tr>
            </thead>
            <tbody>
              {journal.entries.map((entry) => (
                <tr key={entry.id} className="border-b border-line align-top">
                  <td className="whitespace-nowrap py-2 pr-4">
                    <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td className="py-2 pr-4">{entry.actionLabel}</td>
                  <td className="break-all py-2 pr-4">{entry.actor ?? <span className="text-ink-muted">Anonyme ou compte supprimé</span>}</td>
                  <td className="break-all py-2 pr-4">{entry.target ?? '—'}</td>
                  <td className="py-2">
                    {entry.details.length ? (
                      <ul>
                        {entry.details.map((d) => (
                          <li key={d.label}>
                            {d.label} : {d.value}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination page={journal.page} pageCount={journal.pageCount} hrefForPage={hrefForPage} />
    </>
  );
}
