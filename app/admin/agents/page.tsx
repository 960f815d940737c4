import type { Metadata } from 'next';
import { Alert, Button, CheckboxGroup, PageHeader } from '@/components/ui';
import { requireAdmin } from '@/lib/auth/guards';
import { listBackOfficeMembers } from '@/lib/backoffice/assignments';
import { listProceduresInScope } from '@/lib/backoffice/queries';
import { getDb } from '@/lib/db';
import { BackOfficeNav } from '../back-office-nav';
import { saveAssignmentsAction } from './actions';

export const metadata: Metadata = { title: 'Agents et démarches confiées' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ enregistre?: string | string[]; erreur?: string | string[] }> };

export default async function AgentsPage({ searchParams }: Props) {
  const user = await requireAdmin('/admin/agents');
  const db = await getDb();
  const [members, procedures] = await Promise.all([listBackOfficeMembers(db), listProceduresInScope(db, user)]);
  const { enregistre, erreur } = await searchParams;
  const saved = typeof enregistre === 'string' ? members.find((m) => m.id === enregistre) : undefined;
  const agents = members.filter((m) => m.role === 'agent');
  const admins = members.filter((m) => m.role === 'admin');
  const options = procedures.map((p) => ({ value: p.id, label: p.title }));

  return (
    <>
      <BackOfficeNav isAdmin current="agents" />
      <PageHeader title="Agents et démarches confiées" lead="Chaque agent traite les demandes des démarches qui lui sont confiées. Les administrateurs les voient toutes." />
      {saved ? <Alert tone="success">Les démarches confiées à {saved.name} ont été enregistrées.</Alert> : null}
      {erreur ? (
        <Alert tone="error" role="alert">
          Cet agent est introuvable : son compte a peut-être été supprimé ou n’est plus un compte d’agent. Rien n’a été modifié.
        </Alert>
      ) : null}

      {agents.length === 0 ? <p className="mb-8">Aucun compte d’agent pour le moment.</p> : null}
      <div className="max-w-3xl">
        {agents.map((agent) => (
          <section key={agent.id} id={`agent-${agent.id}`} aria-labelledby={`agent-${agent.id}-titre`} className="mb-10 border-b border-line pb-6">
            <h2 id={`agent-${agent.id}-titre`} className="break-words text-xl font-bold">
              {agent.name}
            </h2>
            <p className="mb-4 break-words text-ink-muted">{agent.email}</p>
            <form action={saveAssignmentsAction}>
              <input type="hidden" name="agentId" value={agent.id} />
              <CheckboxGroup
                id={`procedures-${agent.id}`}
                name="procedureIds"
                legend={`Démarches confiées à ${agent.name}`}
                hint="Cochez les démarches dont cet agent traite les demandes."
                optional
                options={options}
                defaultValues={agent.procedureIds}
              />
              <Button type="submit" variant="secondary">
                Enregistrer pour {agent.name}
              </Button>
            </form>
          </section>
        ))}

        <h2 className="mb-3 text-xl font-bold">Administrateurs</h2>
        <ul className="list-disc pl-6">
          {admins.map((admin) => (
            <li key={admin.id} className="break-words">
              {admin.name} ({admin.email}) — toutes les démarches
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
