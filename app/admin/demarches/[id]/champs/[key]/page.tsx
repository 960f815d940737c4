import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AdminNav } from '@/components/layout/back-office-nav';
import { FieldSettingsForm } from '@/components/administration/field-settings-form';
import { Breadcrumbs, PageHeader } from '@/components/ui';
import { getCurrentUser, requireAdmin } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { isUuid } from '@/lib/common/uuid';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { conditionChoices, conditionFormValue, locateField, prefillChoices, ruleChoices, ruleOperatorLabels, settingFormValue } from '@/lib/administration/procedures/field-settings';
import { fieldModules, fieldTypeLabel } from '@/lib/procedures/fields';
import { fieldEditors } from '@/lib/procedures/fields/schemas';
import { ruleOperators, type Field, type Step } from '@/lib/procedures/definition';
import { updateFieldAction } from '../../actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; key: string }> };

const findProcedure = cache(async (id: string) => {
  const user = await getCurrentUser();
  if (!user || user.role !== 'admin' || !isUuid(id)) return null;
  return getProcedureForEditing(await getDb(), user, id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, key } = await params;
  const procedure = await findProcedure(id);
  const located = procedure ? locateField(procedure.working.definition as never, key) : null;
  return { title: procedure && located ? `Champ « ${located.field.label} » — ${procedure.title}` : 'Page introuvable' };
}

/** One field of the working version: all its settings, its condition and its rule, without JSON. */
export default async function FieldSettingsPage({ params }: Props) {
  const { id, key } = await params;
  await requireAdmin(`/admin/demarches/${id}`);
  const procedure = await findProcedure(id);
  if (!procedure) notFound();
  const definition = procedure.working.definition;
  const located = locateField(definition as never, key) as unknown as { field: Field; step: Step; earlier: Field[] } | null;
  if (!located) notFound();
  const { field, step, earlier } = located;
  const raw = field as Record<string, unknown>;
  const ordering = fieldModules[field.type].ordering;
  const rule = definition.rules?.find((r) => r.field === field.key);
  const condition = conditionFormValue(field.showIf, earlier as never);
  const documentTitle = `Champ « ${field.label} » — ${procedure.title} — ${getEnv().PORTAL_NAME}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Accueil', href: '/' },
          { label: 'Administration', href: '/admin' },
          { label: 'Démarches', href: '/admin/demarches' },
          { label: procedure.title, href: `/admin/demarches/${procedure.id}` },
          { label: field.label },
        ]}
      />
      <PageHeader title={`Champ « ${field.label} »`} lead={`${fieldTypeLabel(field.type)}, étape « ${step.title} », clé « ${field.key} » — version de travail ${procedure.working.version}`} />
      <AdminNav isAdmin />
      <p className="mb-6 max-w-2xl">
        Enregistré dans la version de travail, visible des usagers après la publication. <Link href={`/admin/demarches/${procedure.id}#etape-${step.key}`}>Revenir à la démarche</Link>
      </p>
      {field.showIf && !condition ? <p className="mb-6 max-w-2xl">Ce champ a une condition écrite dans l’éditeur avancé ; choisir une condition ici la remplace.</p> : null}
      <FieldSettingsForm
        key={`revision-${procedure.working.revision}`}
        action={updateFieldAction}
        procedureId={procedure.id}
        revision={procedure.working.revision}
        field={{
          key: field.key,
          label: field.label as string,
          hint: field.hint as string | undefined,
          required: 'required' in field ? !!field.required : false,
          takesAnswer: fieldModules[field.type].answer !== null,
          prefill: 'prefill' in field ? field.prefill : undefined,
          condition: condition?.condition,
          conditionValue: condition?.conditionValue,
          ruleOperator: rule?.operator,
          ruleOther: rule?.other,
        }}
        settings={fieldEditors[field.type].settings.map((setting) => ({ setting, value: settingFormValue(setting, raw[setting.name]) }))}
        prefillChoices={prefillChoices(field.type)}
        conditionChoices={conditionChoices(earlier as never)}
        ruleOperators={ordering ? ruleOperators.map((op) => ({ value: op, label: ruleOperatorLabels[ordering][op] })) : []}
        ruleChoices={ruleChoices(field as never, earlier as never)}
        documentTitle={documentTitle}
      />
    </>
  );
}
