import { describe, expect, it } from 'vitest';
import { fileInputNames, filesOverPostLimit, postLimitMessage, readFileAnswers, tooLargeChoices } from '@/lib/documents/file-inputs';
import { describeMimeType, formatFileSize } from '@/lib/documents/format';
import { parseDefinition } from '@/lib/procedures/definition';

const definition = parseDefinition({
  beneficiaries: ['self'],
  steps: [
    {
      key: 'pieces',
      title: 'Pièces',
      fields: [
        { key: 'domicile', type: 'file', label: 'Justificatif de domicile', required: true, maxSizeMb: 5 },
        { key: 'photo', type: 'file', label: 'Photo' },
      ],
    },
  ],
  statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
});
const fields = definition.steps[0].fields;

function form(entries: [string, string | File][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('file inputs of a step, in the browser', () => {
  it('counts attached files, a chosen file and a chosen locker document as answers; untouched inputs as none', () => {
    const untouched = form([[fileInputNames('domicile').upload, new File([], '')], [fileInputNames('domicile').locker, '']]);
    expect(readFileAnswers(fields, untouched, {})).toEqual({ domicile: null, photo: null });
    const chosen = form([[fileInputNames('domicile').upload, new File(['%PDF'], 'a.pdf')], [fileInputNames('photo').locker, 'doc-1']]);
    expect(readFileAnswers(fields, chosen, { domicile: [{ id: 'att-1', filename: 'x.pdf', sizeBytes: 1 }] })).toEqual({
      domicile: ['att-1', 'fichier-a-envoyer'],
      photo: ['document-du-porte-documents'],
    });
  });

  it('flags a chosen file over the field’s limit or over 10 Mo, before sending it', () => {
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'scan.pdf');
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'film.png');
    const data = form([[fileInputNames('domicile').upload, big], [fileInputNames('photo').upload, huge]]);
    expect(tooLargeChoices(definition, fields, data, {})).toEqual({
      domicile: 'Le fichier « scan.pdf » dépasse la taille maximale de 5 Mo pour cette pièce.',
      photo: expect.stringContaining('« film.png » dépasse la taille maximale de 10 Mo'),
    });
    expect(tooLargeChoices(definition, fields, form([[fileInputNames('domicile').upload, new File(['x'], 'ok.pdf')]]), {})).toEqual({});
  });

  it('names the files that would take one post over 10 Mo in all, in page order; the first ones go', () => {
    const mb = (n: number) => new Uint8Array(n * 1024 * 1024);
    const both = (first: number, second: number) =>
      form([
        [fileInputNames('domicile').upload, new File([mb(first)], 'facture.pdf')],
        [fileInputNames('photo').upload, new File([mb(second)], 'photo.png')],
      ]);
    expect(filesOverPostLimit(definition, fields, both(4, 7), {})).toEqual([{ key: 'photo', filename: 'photo.png' }]);
    expect(filesOverPostLimit(definition, fields, both(4, 6), {})).toEqual([]);
    // A file over its own limit is tooLargeChoices' business, and does not count in the total.
    expect(filesOverPostLimit(definition, fields, both(6, 9), {})).toEqual([]);
    expect(postLimitMessage('photo.png')).toBe(
      '« photo.png » a été retiré de votre choix : avec les autres fichiers choisis sur cette page, l’envoi aurait dépassé 10 Mo. Envoyez d’abord les autres, puis choisissez-le de nouveau.',
    );
  });
});

describe('document sizes and types, in French', () => {
  it.each([
    [0, '0 octet'],
    [1, '1 octet'],
    [512, '512 octets'],
    [1536, '1,5 Ko'],
    [10 * 1024 * 1024, '10 Mo'],
    [100 * 1024 * 1024, '100 Mo'],
  ])('%i bytes → %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });

  it('names the accepted types', () => {
    expect([describeMimeType('application/pdf'), describeMimeType('image/jpeg'), describeMimeType('image/png'), describeMimeType('text/html')]).toEqual(['PDF', 'Image JPEG', 'Image PNG', 'Fichier']);
  });
});
