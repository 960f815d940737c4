import { describe, expect, it } from 'vitest';
import { addDocumentSchema, titleFromFileName } from '@/lib/documents/schemas';

const file = (name: string) => new File(['%PDF-1.4'], name, { type: 'application/pdf' });

describe('Porte-documents: the title defaults to the file name', () => {
  it('takes the file name without its extension when the title is left empty', () => {
    const parsed = addDocumentSchema.safeParse({ title: '  ', file: file('Facture d’électricité.pdf') });
    expect(parsed.success && parsed.data.title).toBe('Facture d’électricité');
    const missing = addDocumentSchema.safeParse({ file: file('avis.2025.pdf') });
    expect(missing.success && missing.data.title).toBe('avis.2025');
  });

  it('keeps a title that was given', () => {
    const parsed = addDocumentSchema.safeParse({ title: 'Justificatif de domicile', file: file('scan.pdf') });
    expect(parsed.success && parsed.data.title).toBe('Justificatif de domicile');
  });

  it('keeps names without extension and cuts long ones to the title length', () => {
    expect(titleFromFileName('README')).toBe('README');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
    expect(titleFromFileName(`${'a'.repeat(200)}.pdf`)).toHaveLength(120);
  });
});
