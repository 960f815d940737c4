import 'server-only';
import PDFDocument from 'pdfkit';
import { formatDateTime } from '@/lib/common/dates';
import type { SubmittedDossierView } from './submitted';

// The "récépissé de dépôt": proof that a dossier was filed, downloadable from /demandes/[id] and
// attached to the confirmation email. Helvetica is built into every PDF reader; its WinAnsi
// encoding covers French (accents, œ, €, typographic quotes), so no font file is embedded.

export type ReceiptView = Pick<SubmittedDossierView, 'number' | 'submittedAt' | 'procedure' | 'beneficiaryLabel' | 'answers'>;

export type ReceiptOptions = {
  portalName?: string;
  /** Uncompressed content streams let tests read the text back; production keeps the default. */
  compress?: boolean;
};

export const RECEIPT_FOOTER = 'Ce récépissé atteste du dépôt de votre demande ; il ne préjuge pas de la décision.';

const MARGIN = 56;
const INK = '#161616';
const MUTED = '#3a3a3a';

export function receiptFilename(number: string): string {
  return `recepisse-${number}.pdf`;
}

export function renderReceiptPdf(view: ReceiptView, options: ReceiptOptions = {}): Promise<Buffer> {
  const portalName = options.portalName ?? 'Portail des démarches en ligne';
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: winAnsi(`Récépissé de dépôt n° ${view.number}`),
      Subject: winAnsi(view.procedure.title),
      Author: winAnsi(portalName),
      Creator: winAnsi(portalName),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  writeHeader(doc, view, portalName);
  writeAnswers(doc, view.answers);
  writeFooters(doc);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function writeHeader(doc: Doc, view: ReceiptView, portalName: string) {
  doc.fillColor(MUTED).font('Helvetica').fontSize(10).text(winAnsi(portalName));
  doc.moveDown(0.5).fillColor(INK).font('Helvetica-Bold').fontSize(22).text('Récépissé de dépôt');
  doc.moveDown(0.8);
  const facts: [string, string][] = [
    ['Numéro de demande', view.number],
    ['Déposée le', `${formatDateTime(view.submittedAt)} (heure de Paris)`],
    ['Démarche', view.procedure.title],
    ['Bénéficiaire', view.beneficiaryLabel],
  ];
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').fontSize(11).text(`${label} : `, { continued: true }).font('Helvetica').text(winAnsi(value));
    doc.moveDown(0.3);
  }
}

function writeAnswers(doc: Doc, answers: ReceiptView['answers']) {
  doc.moveDown(1).font('Helvetica-Bold').fontSize(16).fillColor(INK).text('Vos réponses');
  for (const section of answers) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(winAnsi(section.title));
    for (const item of section.items) {
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(winAnsi(item.label));
      doc.font('Helvetica').fontSize(11).fillColor(INK).text(winAnsi(item.value || '—'));
    }
  }
}

// Written once every page exists, so each page carries the notice and "page n sur N".
function writeFooters(doc: Doc) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise open a new page.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    const y = doc.page.height - MARGIN + 8;
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(RECEIPT_FOOTER, MARGIN, y, { width, lineBreak: false });
    doc.text(`Page ${i - start + 1} sur ${count}`, MARGIN, y + 14, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text that Helvetica's WinAnsi encoding can show. Other characters (emoji, non-Latin scripts)
 * would come out as wrong glyphs, so they are replaced by "?" rather than silently garbled.
 */
export function winAnsi(text: string): string {
  return [...text.normalize('NFC').replace(/[\u202f\u2007]/g, '\u00a0').replace(/\r\n?/g, '\n')]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch)) return ch;
      if (ch === '\t') return ' ';
      return '?';
    })
    .join('');
}
