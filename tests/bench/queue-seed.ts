// Seeding of the queue benchmark (issue 10): one SQL statement per table. A large load runs with
// triggers and foreign-key checks off (session_replication_role = replica) and with the secondary
// indexes dropped, then rebuilt in one sort each; the derived data the triggers would have written
// (search words, counts per status) is then computed in one statement each. The tables stay logged:
// they are the ones measured.
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;

const FIRST_NAMES = ['Hélène', 'Élodie', 'Jérôme', 'François', 'Chloé', 'Léa', 'Noémie', 'Gaëlle', 'Loïc', 'Zoé', 'Camille', 'Thomas', 'Inès', 'Maëlys', 'Benoît', 'Céline', 'Amélie', 'Rémi', 'Anaïs', 'Stéphane'];
const LAST_NAMES = ['Lefèvre', 'Dupré', 'Girard', 'Mercier', 'Bérard', 'Gauthier', 'Lemaître', 'Fournier', 'Rousseau', 'Leroy', 'Martin', 'Bernard', 'Petit', 'Durand', 'Moreau', 'Lefebvre', 'Garnier', 'Chevalier', 'François', 'Lambert', 'Bonnet', 'Faure', 'André', 'Mathieu', 'Clément', 'Gérard', 'Noël', 'Perrin', 'Morel', 'Dumont', 'Brunet', 'Blanchard', 'Guérin', 'Boyer', 'Roche', 'Roy', 'Vidal', 'Aubert', 'Barbier', 'Œuvrard'];
// Below this many new dossiers, maintaining the indexes row by row is cheaper than rebuilding them.
const REBUILD_INDEXES_FROM = 100_000;

type IndexDefinition = { name: string; definition: string; constraintName: string | null; constraintDefinition: string | null };

/** How many benchmark dossiers (numbered B…) the database holds already. */
export async function countSeededDossiers(sql: postgres.Sql): Promise<number> {
  const [{ n }] = await sql<{ n: string }[]>`select count(*) as n from dossiers where number like 'B%'`;
  return Number(n);
}

export async function createBenchAgents(sql: postgres.Sql): Promise<string> {
  await sql`
    insert into users (id, email, password_hash, role, email_verified_at)
    select md5('bench-agent-' || i)::uuid, 'agent' || i || '@bench.localhost', 'x', 'agent', now() from generate_series(1, 8) i on conflict do nothing`;
  // Each agent is granted two of the four procedures.
  await sql`
    insert into agent_assignments (agent_id, procedure_id)
    select md5('bench-agent-' || i)::uuid, p.id from generate_series(1, 8) i
    join (select id, row_number() over (order by slug) as k from procedures) p on p.k in (1 + i % 4, 1 + (i + 1) % 4)
    on conflict do nothing`;
  return (await sql<{ id: string }[]>`select md5('bench-agent-1')::uuid::text as id`)[0].id;
}

/** The secondary indexes of a table (every one but the primary key of `dossiers`, which foreign keys need). */
async function readIndexes(sql: Sql, table: string): Promise<IndexDefinition[]> {
  return sql<IndexDefinition[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition,
           c.conname as "constraintName", pg_get_constraintdef(c.oid) as "constraintDefinition"
    from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.contype in ('p', 'u')
    where i.indrelid = ${table}::regclass and not (${table} = 'dossiers' and i.indisprimary)`;
}

async function dropIndexes(sql: Sql, table: string, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) {
    if (index.constraintName) await sql.unsafe(`alter table ${table} drop constraint "${index.constraintName}"`);
    else await sql.unsafe(`drop index ${index.name}`);
  }
}

async function createIndexes(sql: Sql, table: string, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) {
    if (index.constraintName) await sql.unsafe(`alter table ${table} add constraint "${index.constraintName}" ${index.constraintDefinition}`);
    else await sql.unsafe(index.definition);
  }
}

/** Lowers the priority of the server process doing the work: the 2 cores are shared (best effort). */
async function reniceBackend(sql: Sql): Promise<void> {
  const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  spawnSync('renice', ['-n', '10', '-p', String(pid)], { stdio: 'ignore' });
}

/** Adds benchmark dossiers numbered from `from` to `to` (one citizen per 10 dossiers). */
export async function seedDossiers(sql: postgres.Sql, from: number, to: number): Promise<void> {
  if (to <= from) return;
  const first = sql.array(FIRST_NAMES);
  const last = sql.array(LAST_NAMES);
  const rebuild = to - from >= REBUILD_INDEXES_FROM;
  const citizensFrom = Math.floor(from / 10);
  const citizensTo = Math.ceil(to / 10);
  await sql.begin(async (tx) => {
    await reniceBackend(tx);
    await tx`set local session_replication_role = replica`;
    await tx`set local synchronous_commit = off`;
    await tx`set local maintenance_work_mem = '512MB'`;
    const dossierIndexes = rebuild ? await readIndexes(tx, 'dossiers') : [];
    const termIndexes = rebuild ? await readIndexes(tx, 'dossier_search_terms') : [];
    await dropIndexes(tx, 'dossiers', dossierIndexes);
    await dropIndexes(tx, 'dossier_search_terms', termIndexes);
    await tx`
      insert into users (id, email, password_hash, role, email_verified_at)
      select md5('bench-citizen-' || i)::uuid, 'usager' || i || '@bench.localhost', 'x', 'citizen', now()
      from generate_series(${citizensFrom}::int, ${citizensTo}::int) i on conflict do nothing`;
    await tx`
      insert into profiles (user_id, first_names, birth_name)
      select md5('bench-citizen-' || i)::uuid, (${first}::text[])[1 + i % ${FIRST_NAMES.length}], (${last}::text[])[1 + (i / 7) % ${LAST_NAMES.length}]
      from generate_series(${citizensFrom}::int, ${citizensTo}::int) i on conflict do nothing`;
    await tx`
      with procs as (
        select row_number() over (order by p.slug) - 1 as k, p.id as procedure_id, v.id as version_id,
               array(select s->>'key' from jsonb_array_elements(v.definition->'statuses') s) as statuses
        from procedures p join lateral (select * from procedure_versions v where v.procedure_id = p.id order by v.version desc limit 1) v on true
      ), agents as (select array_agg(id order by id) as ids from users where email like 'agent%@bench.localhost')
      insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data, number, submitted_at, last_activity_at, assignee_id, search_vector)
      select md5('bench-citizen-' || (i / 10))::uuid, procs.procedure_id, procs.version_id, 'self',
             jsonb_build_object('label', pr.first_names || ' ' || pr.birth_name || ' (vous-même)'),
             procs.statuses[1 + (i / 3) % least(3, cardinality(procs.statuses))],
             jsonb_build_object('description', 'Demande ' || i || ' : lampadaire éteint rue de l’Église', 'lieu', i || ' rue de la République'),
             'B' || lpad(i::text, 9, '0'),
             timestamptz '2026-01-01' + (i * interval '20 seconds'),
             timestamptz '2026-01-01' + (i * interval '20 seconds') + ((i::bigint * 7919) % 86400) * interval '1 minute',
             case when i % 3 = 0 then agents.ids[1 + i % cardinality(agents.ids)] end,
             -- What the search trigger would have set (dossier_search_vector, migration 0010_search-vector).
             array_to_tsvector(portal_search_words('B' || lpad(i::text, 9, '0'), pr.first_names || ' ' || pr.birth_name || ' (vous-même)', pr.first_names, pr.usage_name, pr.birth_name))
      from generate_series(${from}::int, ${to - 1}::int) i
      join procs on procs.k = i % (select count(*) from procs)
      join profiles pr on pr.user_id = md5('bench-citizen-' || (i / 10))::uuid
      cross join agents`;
    // The words the search trigger would have written (same expression as refresh_dossier_search_terms).
    await tx`
      insert into dossier_search_terms (term, dossier_id)
      select unnest(portal_search_words(d.number, d.beneficiary_snapshot->>'label', p.first_names, p.usage_name, p.birth_name)), d.id
      from dossiers d left join profiles p on p.user_id = d.owner_id
      where d.number between ${'B' + String(from).padStart(9, '0')} and ${'B' + String(to - 1).padStart(9, '0')}`;
    await createIndexes(tx, 'dossiers', dossierIndexes);
    await createIndexes(tx, 'dossier_search_terms', termIndexes);
    await tx`select rebuild_queue_status_counts()`;
  });
  for (const table of ['users', 'profiles', 'dossiers', 'dossier_search_terms', 'queue_status_counts']) await sql.unsafe(`vacuum analyze ${table}`);
}
