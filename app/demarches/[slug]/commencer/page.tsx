import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { Breadcrumbs, Button, ErrorSummary, PageHeader, RadioGroup, type Option } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import type { BeneficiaryChoice } from '@/lib/dossiers/beneficiary';
import { isAllowedBeneficiary } from '@/lib/dossiers/beneficiary-rules';
import { formatDateTime, formatDay, formatShortDay, parisYear } from '@/lib/common/dates';
import { findDraftsOfProcedure, type ProcedureDraft } from '@/lib/dossiers/find-draft';
import { resumePath } from '@/lib/dossiers/progress';
import { getPublishedProcedureBySlug, type ProcedureDetail } from '@/lib/procedures/catalogue';
import { describeRelation, listRelations } from '@/lib/relations/relations';
import { startProcedure } from './actions';
import { decodeBeneficiary, encodeBeneficiary } from './beneficiary-param';

export const dynamic = 'force-dynamic';

type SearchParams = { beneficiaire?: string | string[]; erreur?: string | string[] };
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

const QUESTION = 'Pour qui faites-vous cette démarche ?';
const CHOICE_ERROR = 'Choisissez pour qui vous faites cette démarche.';

const findProcedure = cache(async (slug: string) => (/^[a-z0-9-]{1,120}$/.test(slug) ? getPublishedProcedureBySlug(await getDb(), slug) : null));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const procedure = await findProcedure((await params).slug);
  if (!procedure) return { title: 'Page introuvable' };
  const { erreur } = await searchParams;
  return { title: `${erreur ? 'Erreur : ' : ''}${QUESTION} — ${procedure.title}` };
}

export default async function StartProcedurePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requireCitizen(`/demarches/${slug}/commencer`);
  const procedure = await findProcedure(slug);
  if (!procedure) notFound();
  // Archived: nothing to start; the procedure page says why.
  if (procedure.archived) redirect(`/demarches/${slug}`);
  const query = await searchParams;
  // "Ajouter une relation" comes back here once the relation is added.
  const addRelationHref = `/relations/nouvelle?retour=${encodeURIComponent(`/demarches/${slug}/commencer`)}`;
  const db = await getDb();
  const selfOnly = procedure.beneficiaries.length === 1 && procedure.beneficiaries[0] === 'self';
  const chosen = selfOnly ? ({ kind: 'self' } as const) : decodeBeneficiary(first(query.beneficiaire));

  const crumbs = [
    { label: 'Accueil', href: '/' },
    { label: 'Liste des démarches', href: '/demarches' },
    { label: procedure.title, href: `/demarches/${slug}` },
    { label: 'Commencer' },
  ];
  const drafts = chosen ? await findDraftsOfProcedure(db, user.id, slug, chosen) : [];
  if (chosen && (drafts.length > 0 || selfOnly)) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <ResumeOffer procedure={procedure} beneficiary={chosen} drafts={drafts} />
      </>
    );
  }

  const relations = (await listRelations(db, user.id)).filter((r) => isAllowedBeneficiary(procedure, r));
  const options: Option[] = [
    ...(procedure.beneficiaries.includes('self') ? [{ value: 'moi', label: 'Vous-même' }] : []),
    ...relations.map((r) => ({ value: encodeBeneficiary(r.kind === 'person' ? { kind: 'person', relationId: r.id } : { kind: 'organisation', relationId: r.id }), label: describeRelation(r) })),
  ];
  const error = first(query.erreur) ? CHOICE_ERROR : undefined;

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="max-w-2xl">
        {error ? <ErrorSummary errors={[{ fieldId: 'beneficiaire', message: error }]} /> : null}
        <p className="mb-2 text-lg text-ink-muted">{procedure.title}</p>
        {options.length === 0 ? (
          <>
            <h1 className="mb-4 text-3xl font-bold">{QUESTION}</h1>
            <p className="mb-6">
              Cette démarche se fait pour {describeAllowed(procedure)}. Ajoutez d’abord la personne ou l’organisation concernée à vos relations, puis
              revenez à cette page.
            </p>
            <Button as="link" href={addRelationHref}>
              Ajouter une relation
            </Button>
          </>
        ) : (
          <form action={startProcedure} noValidate>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="question" value="1" />
            <RadioGroup
              name="beneficiaire"
              legend={<h1 className="text-3xl font-bold">{QUESTION}</h1>}
              hint={`Cette démarche peut être faite pour ${describeAllowed(procedure)}.`}
              options={options}
              error={error}
            />
            <p className="mb-8">
              La personne ou l’organisation n’est pas dans la liste ? <Link href={addRelationHref}>Ajouter une relation</Link>
            </p>
            <Button>Continuer</Button>
          </form>
        )}
      </div>
    </>
  );
}

function ResumeOffer({ procedure, beneficiary, drafts }: { procedure: ProcedureDetail; beneficiary: BeneficiaryChoice; drafts: ProcedureDraft[] }) {
  const [latest, ...older] = drafts;
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={latest ? 'Vous avez déjà commencé cette démarche' : 'Commencer la démarche'}
        lead={latest ? `${procedure.title}, pour ${latest.beneficiaryLabel}.` : procedure.title}
      />
      {latest ? (
        <>
          <p className="mb-4">
            Votre brouillon a été enregistré le {formatDateTime(latest.updatedAt)} ({progressText(latest)}). Vous pouvez le reprendre là où vous
            vous êtes arrêté.
          </p>
          <div className="mb-8 flex flex-col gap-4 sm:flex-row">
            <Button as="link" href={resumePath(latest.id, latest.progress)}>
              Reprendre mon brouillon du {dayOf(latest.updatedAt)}
            </Button>
          </div>
          {older.length > 0 ? (
            <>
              <h2 className="mb-2 text-xl font-bold">Vos autres brouillons de cette démarche</h2>
              <ul className="mb-8 list-disc space-y-1 pl-6">
                {older.map((draft) => (
                  <li key={draft.id}>
                    <Link href={resumePath(draft.id, draft.progress)}>Reprendre le brouillon du {formatDateTime(draft.updatedAt)}</Link> ({progressText(draft)})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2 className="mb-2 text-xl font-bold">Ou recommencer</h2>
          <p className="mb-4">Un nouveau brouillon repart des informations de votre compte ; l’ancien reste dans « Mes brouillons ».</p>
        </>
      ) : null}
      <form action={startProcedure}>
        <input type="hidden" name="slug" value={procedure.slug} />
        <input type="hidden" name="beneficiaire" value={encodeBeneficiary(beneficiary)} />
        <input type="hidden" name="nouveau" value="1" />
        <Button variant={latest ? 'secondary' : 'primary'}>{latest ? 'Commencer un nouveau brouillon' : 'Commencer'}</Button>
      </form>
    </div>
  );
}

const subtypeWords: Record<string, string> = { child: 'un enfant', spouse: 'un ou une conjointe', parent: 'un parent', other: 'un proche' };

function describeAllowed(procedure: ProcedureDetail): string {
  const words = procedure.beneficiaries.map((kind) => {
    if (kind === 'self') return 'vous-même';
    if (kind === 'organisation') return 'une association ou une entreprise';
    return procedure.personSubtypes ? procedure.personSubtypes.map((s) => subtypeWords[s]).join(' ou ') : 'un proche';
  });
  return words.join(' ou ');
}

function progressText(draft: ProcedureDraft): string {
  const { complete, total } = draft.progress;
  return `${complete} ${complete > 1 ? 'étapes complètes' : 'étape complète'} sur ${total}`;
}

/** "12 mars" this year, "12 mars 2025" before. */
function dayOf(date: Date): string {
  return parisYear(date) === parisYear(new Date()) ? formatShortDay(date) : formatDay(date);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
