import Link from 'next/link';
import { Button, Fieldset, SelectField, type Option } from '@/components/ui';
import { FileInput } from '@/components/documents/file-input';
import { formatFileSize } from '@/lib/documents/format';
import { ACCEPT_ATTRIBUTE, ACCEPTED_FORMATS_LABEL } from '@/lib/documents/limits';
import type { Field } from '@/lib/procedures/definition';
import { FILE_ACTIONS, fileInputNames, lockerSelectId, type AttachedFile } from '@/lib/documents/file-inputs';

export type FileFieldContext = {
  dossierId: string;
  /** Files attached to each file field of the draft. */
  attached: Record<string, AttachedFile[]>;
  /** The citizen's locker documents, for the drop-down list. */
  lockerOptions: Option[];
};

type FileFieldType = Extract<Field, { type: 'file' }>;

const typeLabels: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

function formatsOf(field: FileFieldType): string {
  const labels = field.accept.map((t) => typeLabels[t]).filter(Boolean);
  const formats = labels.length === 0 || labels.length === 3 ? ACCEPTED_FORMATS_LABEL : labels.join(' ou ');
  const recent = field.maxAgeMonths ? ` Document de moins de ${field.maxAgeMonths} mois.` : '';
  return `Format ${formats}, ${Math.min(field.maxSizeMb, 10)} Mo au maximum.${recent}`;
}

function acceptOf(field: FileFieldType): string {
  const extensions: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png' };
  const known = field.accept.filter((t) => extensions[t]);
  return known.length ? [...known.map((t) => extensions[t]), ...known].join(',') : ACCEPT_ATTRIBUTE;
}

/**
 * A pièce justificative: the files already attached (each downloadable and removable), then a
 * file from the computer or a document of the Porte-documents. Plain inputs and submit buttons:
 * it works without JavaScript. The file input has the field's id, where the error summary points.
 */
export function FileField({ field, error, context }: { field: FileFieldType; error?: string; context: FileFieldContext }) {
  const attached = context.attached[field.key] ?? [];
  const names = fileInputNames(field.key);
  const canAdd = field.multiple || attached.length === 0;
  return (
    <Fieldset id={`${field.key}-groupe`} legend={field.label} hint={field.hint} error={error} optional={!field.required}>
      {attached.length ? (
        // Without a file input to point at (a single file already attached), "Modifier" links land here.
        <ul id={canAdd ? undefined : field.key} tabIndex={canAdd ? undefined : -1} className="mb-4 border-t border-line" aria-label={`Fichiers joints : ${field.label}`}>
          {attached.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-line py-3">
              <span className="min-w-0 break-words">
                <a href={`/brouillons/${context.dossierId}/pieces/${file.id}`} download>
                  {file.filename}
                </a>{' '}
                <span className="text-ink-soft">({formatFileSize(file.sizeBytes)})</span>
              </span>
              <Button variant="tertiary" name={FILE_ACTIONS.remove} value={file.id} formNoValidate>
                Retirer<span className="sr-only"> le fichier {file.filename}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {canAdd ? (
        <div className="border-l-4 border-line pl-4">
          <FileInput
            name={names.upload}
            id={field.key}
            label={attached.length ? 'Ajouter un fichier depuis votre ordinateur' : 'Depuis votre ordinateur'}
            hint={formatsOf(field)}
            accept={acceptOf(field)}
            aria-invalid={error ? true : undefined}
          />
          {context.lockerOptions.length ? (
            <SelectField
              name={names.locker}
              id={lockerSelectId(field.key)}
              label="Ou depuis votre porte-documents"
              hint="Une copie du document est jointe : le supprimer ensuite de votre porte-documents ne change pas cette démarche."
              placeholder="Choisir un document"
              options={context.lockerOptions}
              required={false}
              defaultValue=""
            />
          ) : (
            <p className="mb-6 text-ink-muted">
              Votre porte-documents est vide. Vous pouvez aussi y ranger vos justificatifs à l’avance depuis la rubrique{' '}
              <Link href="/porte-documents" prefetch={false}>
                Porte-documents
              </Link>
              .
            </p>
          )}
          <Button variant="secondary" name={FILE_ACTIONS.attach} value={field.key} formNoValidate>
            {field.multiple && attached.length ? 'Joindre ce fichier aussi' : 'Joindre ce fichier'}
          </Button>
        </div>
      ) : (
        <p className="text-ink-muted">Pour remplacer ce fichier, retirez-le, puis joignez-en un autre.</p>
      )}
    </Fieldset>
  );
}
