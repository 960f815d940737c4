'use client';

import { useActionState } from 'react';
import { Checkbox, Fieldset, SelectField, TextField } from '@/components/ui';
import { fieldError, shownChecked, shownValue, type FormAction } from '@/components/forms/form-state';
import { statusTones } from '@/lib/procedures/kinds';
import { statusToneLabels } from '@/lib/administration/procedures/labels';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

export type StatusView = { key: string; label: string; tone: string; final: boolean; notify: boolean; description?: string; inUse: number };

export type StatusesFormProps = {
  action: FormAction;
  procedureId: string;
  revision: number;
  statuses: StatusView[];
  documentTitle: string;
};

const toneOptions = statusTones.map((t) => ({ value: t, label: statusToneLabels[t] }));
const columns = ['label', 'tone', 'final', 'notify', 'description', 'position', 'remove'] as const;

/** One fieldset per status (reflows at 320 px, no table), then the status to add and the initial status. */
export function StatusesForm({ action, procedureId, revision, statuses, documentTitle }: StatusesFormProps) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: string, saved: string | undefined) => shownValue(state, name, saved);
  const error = (name: string) => fieldError(state, name);
  const fields: Record<string, string> = {};
  statuses.forEach((_, i) => columns.forEach((c) => (fields[`status-${i}-${c}`] = `status-${i}-${c}`)));
  for (const c of ['key', 'label', 'tone', 'final', 'notify']) fields[`new-${c}`] = `new-${c}`;
  fields.initial = 'initial';
  return (
    <div className="max-w-2xl">
      <ActionFeedback withSuccess state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <input type="hidden" name="revision" value={revision} />
        <SelectField
          name="initial"
          label="Statut initial"
          hint="Le statut que reçoit une demande au moment où elle est déposée. Il est placé en tête de liste."
          options={statuses.map((s) => ({ value: s.key, label: s.label }))}
          defaultValue={value('initial', statuses[0]?.key)}
          error={error('initial')}
        />
        {statuses.map((status, i) => (
          <div key={status.key} className="mb-6 border border-line px-4 pt-4">
            <Fieldset id={`status-${i}`} legend={`Statut ${i + 1} : ${status.label}`} hint={`Clé « ${status.key} »${status.inUse ? ` — ${status.inUse} dossier${status.inUse > 1 ? 's' : ''} déposé${status.inUse > 1 ? 's' : ''} dans ce statut` : ''}`}>
              <input type="hidden" name={`status-${i}-key`} value={status.key} />
              <TextField id={`status-${i}-label`} name={`status-${i}-label`} label="Libellé" defaultValue={value(`status-${i}-label`, status.label)} error={error(`status-${i}-label`)} />
              <SelectField id={`status-${i}-tone`} name={`status-${i}-tone`} label="Couleur" options={toneOptions} defaultValue={value(`status-${i}-tone`, status.tone)} error={error(`status-${i}-tone`)} />
              <TextField
                id={`status-${i}-description`}
                name={`status-${i}-description`}
                label="Explication pour l’usager"
                optional
                defaultValue={value(`status-${i}-description`, status.description)}
                error={error(`status-${i}-description`)}
              />
              <TextField
                id={`status-${i}-position`}
                name={`status-${i}-position`}
                label="Position dans la liste"
                hint="1 pour le premier. Pour déplacer un statut, changez son numéro."
                inputMode="numeric"
                className="sm:max-w-32"
                defaultValue={value(`status-${i}-position`, String(i + 1))}
                error={error(`status-${i}-position`)}
              />
              <Checkbox
                id={`status-${i}-final`}
                name={`status-${i}-final`}
                label="Statut final (la demande est close)"
                defaultChecked={shownChecked(state, `status-${i}-final`, status.final)}
                error={error(`status-${i}-final`)}
              />
              <Checkbox
                id={`status-${i}-notify`}
                name={`status-${i}-notify`}
                label="Prévenir l’usager quand sa demande prend ce statut"
                defaultChecked={shownChecked(state, `status-${i}-notify`, status.notify)}
                error={error(`status-${i}-notify`)}
              />
              {status.inUse ? (
                <p className="mb-6 text-ink-muted">Ce statut ne peut pas être retiré : des dossiers déposés l’ont. Vous pouvez changer son libellé.</p>
              ) : (
                <Checkbox
                  id={`status-${i}-remove`}
                  name={`status-${i}-remove`}
                  label="Retirer ce statut"
                  defaultChecked={shownChecked(state, `status-${i}-remove`, false)}
                  error={error(`status-${i}-remove`)}
                />
              )}
            </Fieldset>
          </div>
        ))}
        <div className="mb-6 border border-line px-4 pt-4">
          <Fieldset id="new-status" legend="Ajouter un statut" hint="Laissez vide pour ne rien ajouter. Il est placé en fin de liste." optional>
            <TextField
              id="new-key"
              name="new-key"
              label="Clé"
              hint="Identifiant technique, ne change plus : lettres minuscules, chiffres et tirets (ex. « en-attente »)."
              spellCheck={false}
              autoCapitalize="none"
              optional
              defaultValue={value('new-key', '')}
              error={error('new-key')}
            />
            <TextField id="new-label" name="new-label" label="Libellé" optional defaultValue={value('new-label', '')} error={error('new-label')} />
            <SelectField id="new-tone" name="new-tone" label="Couleur" options={toneOptions} defaultValue={value('new-tone', 'progress')} error={error('new-tone')} />
            <Checkbox id="new-final" name="new-final" label="Statut final (la demande est close)" defaultChecked={shownChecked(state, 'new-final', false)} error={error('new-final')} />
            <Checkbox id="new-notify" name="new-notify" label="Prévenir l’usager quand sa demande prend ce statut" defaultChecked={shownChecked(state, 'new-notify', true)} error={error('new-notify')} />
          </Fieldset>
        </div>
        <SubmitButton>Enregistrer les statuts</SubmitButton>
      </form>
    </div>
  );
}
