import { describe, expect, it } from 'vitest';
import { seedProcedures } from '@/db/seed/procedures';
import { describeAnswers } from '@/lib/dossiers/submitted';
import { winAnsi } from '@/lib/dossiers/receipt';
import { parseDefinition } from '@/lib/procedures/definition';
import { archiveEntryNames, safeFileName } from '@/lib/processing/archive-names';
import { buildDossierDocument, documentText, type DossierForDocument } from '@/lib/processing/dossier-document';
import { renderDossierPdf } from '@/lib/processing/dossier-pdf';

// The whole-dossier PDF is tested through its document model (what it says, in order), since no
// PDF text extractor is installed; the rendering is checked for what a reader notices: a PDF,
// the right page count. And the ZIP's entry names against hostile file names.

const streetReport = parseDefinition(seedProcedures.find((p) => p.slug === 'signalement-voirie')!.definition);
const at = (iso: string) => new Date(iso);

function dossier(overrides: Partial<DossierForDocument> = {}): DossierForDocument {
  return {
    number: '2026-000042',
    procedureTitle: 'Signaler un problème sur la voie publique',
    status: { label: 'Transmis aux services techniques' },
    submittedAt: at('2026-03-12T13:32:00Z'),
    filedBy: 'Camille Martin',
    beneficiaryLabel: 'Camille Martin (titulaire du compte)',
    answers: describeAnswers(streetReport, { typeProbleme: 'eclairage', lieu: '3 rue des Tanneurs', description: 'Lampadaire éteint depuis lundi.', recontact: false }),
    timeline: [
      { id: 'e1', kind: 'submitted', at: at('2026-03-12T13:32:00Z'), statusLabel: 'Signalement reçu' },
      { id: 'e2', kind: 'status_changed', at: at('2026-03-13T08:00:00Z'), statusLabel: 'Transmis aux services techniques', note: 'Transmis au service de l’éclairage public.' },
      { id: 'e3', kind: 'response_published', at: at('2026-03-14T09:00:00Z'), note: 'Intervention prévue.' },
    ],
    thread: [
      { id: 'm1', author: 'agent', body: 'Pourriez-vous préciser le numéro du lampadaire ?', at: at('2026-03-13T08:05:00Z'), files: [] },
      { id: 'm2', author: 'citizen', body: 'C’est le n° 12, côté œillets.', at: at('2026-03-13T10:00:00Z'), files: [] },
    ],
    supporting: [{ id: 'a1', kind: 'supporting', filename: 'photo-été.jpg', mimeType: 'image/jpeg', sizeBytes: 250_000, at: at('2026-03-12T13:30:00Z') }],
    responses: [{ id: 'a2', kind: 'response', filename: 'Réponse mairie.pdf', mimeType: 'application/pdf', sizeBytes: 3_500_000, at: at('2026-03-14T09:00:00Z') }],
    ...overrides,
  };
}

const options = { portalName: 'Portail des démarches en ligne', exportedAt: at('2026-03-15T10:00:00Z') };

describe('the whole-dossier document', () => {
  it('says who, what, answers formatted by the field registry, files, timeline and messages, in that order', () => {
    const text = documentText(buildDossierDocument(dossier(), options));
    expect(text.slice(0, 2)).toEqual(['Portail des démarches en ligne', 'Dossier n° 2026-000042']);
    expect(text).toContain('Bénéficiaire : Camille Martin (titulaire du compte)');
    expect(text).toContain('Déposé par : Camille Martin');
    expect(text).toContain('Statut actuel : Transmis aux services techniques');
    expect(text).toContain('Déposé le : 12 mars 2026 à 14\u00a0h\u00a032 (heure de Paris)');
    // The field registry words the answers as the citizen chose them: an option's label, "Non".
    expect(text).toContain('Type de problème : Éclairage public en panne');
    expect(text).toContain('Souhaitez-vous être recontacté par les services techniques ? : Non');
    expect(text).toContain('Description : Lampadaire éteint depuis lundi.');
    expect(text).toContain('photo-été.jpg — 244 Ko, ajouté le 12 mars 2026 à 14\u00a0h\u00a030');
    expect(text).toContain('Réponse mairie.pdf — 3,3 Mo, ajouté le 14 mars 2026 à 10\u00a0h\u00a000');
    expect(text).toContain('Commentaire : Transmis au service de l’éclairage public.');
    expect(text).toContain('Note : Intervention prévue.');
    expect(text).toContain('L’usager — 13 mars 2026 à 11\u00a0h\u00a000');
    expect(text).toContain('C’est le n° 12, côté œillets.');
    const order = ['Réponses au formulaire', 'Pièces justificatives', 'Réponses de l’administration', 'Suivi du dossier', 'Messages'].map((h) => text.indexOf(h));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i > 0)).toBe(true);
  });

  it('has no place for private notes: the model is built from the dossier view only', () => {
    const document = buildDossierDocument(dossier(), options);
    expect(documentText(document).join('\n')).not.toMatch(/note interne|notes internes/i);
    expect(document.blocks.map((b) => b.kind)).not.toContain('note');
  });

  it('says so when there is nothing to show', () => {
    const text = documentText(buildDossierDocument(dossier({ answers: [], thread: [], supporting: [], responses: [], timeline: [] }), options));
    expect(text).toEqual(expect.arrayContaining(['Aucune réponse enregistrée.', 'Aucune pièce justificative n’a été jointe.', 'Aucune réponse publiée.', 'Aucun message échangé.']));
  });

  it('keeps French characters through the PDF text encoding, and marks what Helvetica cannot show', () => {
    expect(winAnsi('Éclairage, œillets, « été », 12 € — l’usager')).toBe('Éclairage, œillets, « été », 12 € — l’usager');
    expect(winAnsi('Photo 📷 名前')).toBe('Photo ? ??');
  });
});

describe('the whole-dossier PDF', () => {
  const pageObjects = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

  it('is a PDF of at most two pages for a short dossier', async () => {
    const { bytes, pages } = await renderDossierPdf(buildDossierDocument(dossier(), options));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toContain('%%EOF');
    expect(pages).toBeLessThanOrEqual(2);
    expect(pageObjects(bytes)).toBe(pages);
  });

  it('flows onto more pages for a long thread, and says so in its page count', async () => {
    const thread = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, author: 'citizen' as const, body: `Message numéro ${i} : ${'détail '.repeat(30)}`, at: at('2026-03-13T10:00:00Z'), files: [] }));
    const { bytes, pages } = await renderDossierPdf(buildDossierDocument(dossier({ thread }), options));
    expect(pages).toBeGreaterThan(3);
    expect(pageObjects(bytes)).toBe(pages);
  });
});

describe('ZIP entry names', () => {
  it('turns hostile names into one plain file each, inside its folder', () => {
    const names = archiveEntryNames([
      { kind: 'supporting', filename: '../../etc/passwd' },
      { kind: 'supporting', filename: '..\\..\\Windows\\win.ini' },
      { kind: 'supporting', filename: '/absolu.pdf' },
      { kind: 'supporting', filename: 'C:\\temp\\x.pdf' },
      { kind: 'supporting', filename: 'facture\u202Efdp.exe' },
      { kind: 'supporting', filename: 'nul\u0000byte\n.pdf' },
      { kind: 'response', filename: '...' },
      { kind: 'response', filename: '' },
    ]);
    expect(names).toEqual([
      'pieces-justificatives/01-etc_passwd',
      'pieces-justificatives/02-Windows_win.ini',
      'pieces-justificatives/03-absolu.pdf',
      'pieces-justificatives/04-C__temp_x.pdf',
      'pieces-justificatives/05-facture_fdp.exe',
      'pieces-justificatives/06-nul_byte_.pdf',
      'reponses/01-fichier',
      'reponses/02-fichier',
    ]);
    for (const name of names) {
      const [folder, file, ...rest] = name.split('/');
      expect(rest).toEqual([]);
      expect(folder).toMatch(/^(pieces-justificatives|reponses)$/);
      expect(file).not.toMatch(/^\.|\\|:/);
    }
  });

  it('shortens very long names to 120 bytes of UTF-8, on a character boundary, keeping the extension', () => {
    const long = safeFileName(`${'é'.repeat(200)}.pdf`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(120);
    expect(long).toMatch(/^é+\.pdf$/);
    const emoji = safeFileName(`${'😀'.repeat(100)}.jpg`);
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(120);
    expect(emoji).toMatch(/^(😀)+\.jpg$/u);
  });

  it('keeps unicode names (NFC) and makes the same name twice two entries', () => {
    const names = archiveEntryNames([
      { kind: 'supporting', filename: 'Re\u0301ponse.pdf' },
      { kind: 'supporting', filename: 'Réponse.pdf' },
      { kind: 'supporting', filename: 'RÉPONSE.pdf' },
      { kind: 'message', filename: 'pièce.pdf' },
    ]);
    expect(names).toEqual(['pieces-justificatives/01-Réponse.pdf', 'pieces-justificatives/02-Réponse.pdf', 'pieces-justificatives/03-RÉPONSE.pdf', 'pieces-des-messages/01-pièce.pdf']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});
