import { todayInParis } from '@/lib/procedures/compile-step';
import { isClosed } from '@/lib/procedures/opening';
import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Button, Card, PageHeader, StatusTag } from '@/components/ui';
import { getDb } from '@/lib/db';
import { listCategories, listPublishedProcedures } from '@/lib/procedures/catalogue';
import { getCategoryLabel } from '@/lib/procedures/categories';
import type { Beneficiary } from '@/lib/procedures/definition';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const beneficiaryLabels: Record<Beneficiary, string> = {
  self: 'vous-même',
  person: 'un proche',
  organisation: 'une association ou entreprise',
};

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text.slice(0, 200) : undefined;
}

function countText(count: number, filtered: boolean): string {
  if (count === 0) return filtered ? 'Aucune démarche ne correspond à votre recherche.' : 'Aucune démarche n’est publiée pour le moment.';
  return count === 1 ? '1 démarche trouvée' : `${count} démarches trouvées`;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = firstValue((await searchParams).q);
  return { title: query ? `Résultats pour «\u00a0${query}\u00a0» — Liste des démarches` : 'Liste des démarches' };
}

export default async function CataloguePage({ searchParams }: Props) {
  const params = await searchParams;
  const query = firstValue(params.q);
  const db = await getDb();
  const categories = await listCategories(db);
  // An unknown theme in the URL is ignored rather than showing an empty list.
  const category = categories.find((c) => c.key === firstValue(params.categorie))?.key;
  const procedures = await listPublishedProcedures(db, { query, category });
  const today = todayInParis();
  const filtered = Boolean(query || category);

  return (
    <>
      <PageHeader title="Liste des démarches" lead="Choisissez la démarche à effectuer en ligne. Vous pouvez chercher par mot-clé ou par thème." />

      {/* key: the fields show the new search after a client-side navigation. */}
      <Form key={`${query}|${category}`} action="/demarches" role="search" className="mb-8 bg-primary-tint p-4 sm:p-6">
        <div className="grid gap-4 md:grid-cols-[2fr_1fr_auto] md:items-end">
          <div>
            <label htmlFor="q" className="mb-1 block font-bold">
              Rechercher une démarche
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query}
              className="min-h-11 w-full border-2 border-ink-muted bg-white px-3 py-2"
            />
          </div>
          <div>
            <label htmlFor="categorie" className="mb-1 block font-bold">
              Thème
            </label>
            <select
              id="categorie"
              name="categorie"
              defaultValue={category ?? ''}
              className="min-h-11 w-full border-2 border-ink-muted bg-white px-3 py-2"
            >
              <option value="">Tous les thèmes</option>
              {categories.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label} ({c.count})
                </option>
              ))}
            </select>
          </div>
          <Button>Rechercher</Button>
        </div>
      </Form>

      <div className="mb-6 flex flex-wrap items-baseline gap-x-6 gap-y-2">
        <p role="status" className="text-lg font-bold">
          {countText(procedures.length, filtered)}
          {procedures.length > 0 && query ? ` pour «\u00a0${query}\u00a0»` : ''}
          {procedures.length > 0 && category ? ` dans le thème «\u00a0${getCategoryLabel(category)}\u00a0»` : ''}
        </p>
        {filtered ? <Link href="/demarches">Afficher toutes les démarches</Link> : null}
      </div>

      {procedures.length > 0 ? (
        <ul className="grid gap-6 md:grid-cols-2 lg:grid-cols-3">
          {procedures.map((procedure) => (
            <li key={procedure.id}>
              <Card
                title={procedure.title}
                href={`/demarches/${procedure.slug}`}
                meta={
                  <>
                    <p>
                      <span className="sr-only">Thème : </span>
                      <StatusTag tone="info" label={getCategoryLabel(procedure.category)} />
                    </p>
                    <p className="mt-2 text-ink-muted">
                      Pour : {procedure.beneficiaries.map((b) => beneficiaryLabels[b]).join(', ')}
                    </p>
                    {procedure.estimatedDuration ? (
                      <p className="text-ink-muted">Durée : {procedure.estimatedDuration}</p>
                    ) : null}
                    {isClosed(procedure.opening, today) ? <p className="font-bold">Close : il n’est plus possible de commencer une demande.</p> : null}
                  </>
                }
              >
                <p>{procedure.summary}</p>
              </Card>
            </li>
          ))}
        </ul>
      ) : filtered ? (
        <div className="max-w-2xl">
          <p>Vérifiez l’orthographe, essayez un mot plus général ou choisissez un autre thème.</p>
          <p className="mt-2">
            Vous ne trouvez pas votre démarche ? Elle n’est peut-être pas encore proposée en ligne : consultez l’
            <Link href="/aide">aide</Link> ou contactez directement l’administration concernée.
          </p>
        </div>
      ) : null}
    </>
  );
}
