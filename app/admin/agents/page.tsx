import type { Metadata } from 'next';
import { AddAgentForm } from '@/components/administration/add-agent-form';
import { InlineActionForm } from '@/components/administration/inline-action-form';
import { FlashMessage } from '@/components/account/flash-message';
import { Breadcrumbs, PageHeader, SelectField, StatusTag } from '@/components/ui';
import { requireAdmin } from '@/lib/auth/guards';
import { listBackOfficeUsers, type BackOfficeUser } from '@/lib/administration/list-back-office-users';
import { roleLabels } from '@/lib/administration/schemas';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { addAgentAction, grantProcedureAccessAction, changeRoleAction, resetSecondFactorAction, withdrawProcedureAccessAction, withdrawAction } from './actions';

export const metadata: Metadata = { title: 'Agents — Administration' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const flashMessages: Record<string, string> = {
  role: 'Le rôle est modifié. Les sessions ouvertes de cette personne ont été fermées.',
  retrait: 'L’accès à l’espace agents est retiré : le compte redevient un compte d’usager et ses sessions ouvertes ont été fermées.',
  affectation: 'La démarche est affectée.',
  desaffectation: 'L’affectation est retirée.',
  'double-authentification':
    'La double authentification est réinitialisée et les sessions ouvertes de cette personne ont été fermées. Elle l’activera de nouveau à sa prochaine connexion.',
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

function UserItem({ user, procedures }: { user: BackOfficeUser; procedures: { id: string; title: string }[] }) {
  const who = user.name ? `${user.name} (${user.email})` : user.email;
  const grantable = procedures.filter((p) => !user.grantedProcedures.some((a) => a.procedureId === p.id));
  return (
    <li className="border-b border-line py-6">
      <h3 className="break-words text-xl font-bold">{who}</h3>
      <p className="mt-2 flex flex-wrap items-center gap-2">
        <StatusTag tone={user.role === 'admin' ? 'info' : 'neutral'} label={roleLabels[user.role]} />
        {user.active ? null : <StatusTag tone="warning" label="Invitation envoyée : mot de passe pas encore choisi" />}
        {user.isYou ? <span>C’est vous.</span> : null}
      </p>
      <p className="mt-2">
        Double authentification :{' '}
        {user.secondFactorEnabledAt ? `activée le ${dateFormat.format(user.secondFactorEnabledAt)}` : 'pas encore activée (à la prochaine connexion)'}
      </p>
      <h4 className="mt-4 font-bold">Démarches affectées</h4>
      {user.grantedProcedures.length ? (
        <ul className="mt-2">
          {user.grantedProcedures.map((a) => (
            <li key={a.procedureId} className="flex flex-wrap items-center gap-x-4">
              <span>{a.title}</span>
              <InlineActionForm
                action={withdrawProcedureAccessAction}
                hidden={{ userId: user.id, procedureId: a.procedureId }}
                submitLabel={`Retirer « ${a.title} »`}
                variant="tertiary"
              />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-ink-muted">Aucune démarche affectée.</p>
      )}
      {grantable.length ? (
        <InlineActionForm action={grantProcedureAccessAction} hidden={{ userId: user.id }} submitLabel="Affecter" fields={{ procedureId: `assign-${user.id}` }} className="mt-4">
          <SelectField
            id={`assign-${user.id}`}
            name="procedureId"
            label={`Affecter une démarche à ${user.name ?? user.email}`}
            placeholder="Choisissez une démarche"
            options={grantable.map((p) => ({ value: p.id, label: p.title }))}
          />
        </InlineActionForm>
      ) : null}
      {user.isYou ? (
        <p className="mt-2 text-ink-muted">Vous ne pouvez pas modifier ni retirer votre propre rôle : demandez-le à un autre administrateur.</p>
      ) : (
        <div className="mt-2 flex flex-wrap items-end gap-x-8">
          <InlineActionForm
            action={changeRoleAction}
            hidden={{ userId: user.id, role: user.role === 'admin' ? 'agent' : 'admin' }}
            submitLabel={user.role === 'admin' ? `Passer ${user.email} en agent` : `Passer ${user.email} en administrateur`}
          />
          <InlineActionForm action={withdrawAction} hidden={{ userId: user.id }} submitLabel={`Retirer l’accès de ${user.email}`} variant="danger" />
          {user.secondFactorEnabledAt ? (
            <InlineActionForm
              action={resetSecondFactorAction}
              hidden={{ userId: user.id }}
              submitLabel={`Réinitialiser la double authentification de ${user.email}`}
              variant="secondary"
            />
          ) : null}
        </div>
      )}
    </li>
  );
}

export default async function AgentsPage({ searchParams }: Props) {
  const admin = await requireAdmin('/admin/agents');
  const params = await searchParams;
  const { users, procedures } = await listBackOfficeUsers(await getDb(), admin);
  const flash = Object.keys(flashMessages).find((key) => params[key] === '1');
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Administration', href: '/admin' }, { label: 'Agents' }]} />
      <PageHeader title="Agents et administrateurs" lead="Qui a accès à l’espace agents, avec quel rôle, et quelles démarches chaque agent traite." />
      {flash ? <FlashMessage message={flashMessages[flash]} /> : null}
      <section aria-labelledby="ajouter" className="mb-12">
        <h2 id="ajouter" className="mb-4 text-2xl font-bold">
          Ajouter un agent
        </h2>
        <AddAgentForm action={addAgentAction} documentTitle={`Agents — Administration — ${getEnv().PORTAL_NAME}`} />
      </section>
      <section aria-labelledby="liste" className="max-w-3xl">
        <h2 id="liste" className="text-2xl font-bold">
          Comptes de l’espace agents ({users.length})
        </h2>
        <p className="mt-2">
          Changer un rôle, retirer l’accès ou réinitialiser la double authentification (téléphone et codes de secours perdus) ferme les
          sessions ouvertes de la personne.
        </p>
        <ul className="mt-4 border-t border-line">
          {users.map((user) => (
            // Remounted when the row changes, so an old error does not stay next to new data.
            <UserItem key={`${user.id}-${user.role}-${user.grantedProcedures.length}-${user.secondFactorEnabledAt ? 'mfa' : 'none'}`} user={user} procedures={procedures} />
          ))}
        </ul>
      </section>
    </>
  );
}
