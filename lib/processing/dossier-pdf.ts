import 'server-only';
import PDFDocument from 'pdfkit';
import type { Executor } from '@/db/client';
import { winAnsi } from '@/lib/dossiers/receipt';
import { buildDossierDocument, dossierPdfFilename, type DossierDocument } from './dossier-document';
import { findDossierInScope } from './queries';
import { recordDossierExport } from './reads';
import type { BackOfficeUser } from './scope';

// Lays out the whole-dossier document model (dossier-document.ts) with pdfkit, like the receipt:
// Helvetica's WinAnsi encoding covers French (accents, œ, €, typographic quotes); characters
// outside it come out as "?" (winAnsi) rather than as wrong glyphs.

const MARGIN = 56;
const INK = '#161616';
const MUTED = '#3a3a3a';

type Doc = InstanceType<typeof PDFDocument>;

export type RenderedPdf = { bytes: Buffer; pages: number };

export function renderDossierPdf(document: DossierDocument): Promise<RenderedPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: winAnsi(document.title), Subject: winAnsi(document.subject), Author: winAnsi(document.portalName), Creator: winAnsi(document.portalName) },
  });
  const chunks: Buffer[] = [];
  let pages = 0;
  const done = new Promise<RenderedPdf>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages }));
    doc.on('error', reject);
  });

  doc.fillColor(MUTED).font('Helvetica').fontSize(10).text(winAnsi(document.portalName));
  doc.moveDown(0.5).fillColor(INK).font('Helvetica-Bold').fontSize(22).text(winAnsi(document.title));
  doc.moveDown(0.6);
  for (const block of document.blocks) writeBlock(doc, block);
  pages = writeFooters(doc, document.footer);
  doc.end();
  return done;
}

function writeBlock(doc: Doc, block: DossierDocument['blocks'][number]) {
  switch (block.kind) {
    case 'heading':
      doc.moveDown(1).font('Helvetica-Bold').fontSize(16).fillColor(INK).text(winAnsi(block.text));
      doc.moveDown(0.3);
      return;
    case 'subheading':
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).fillColor(INK).text(winAnsi(block.text));
      return;
    case 'fact':
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(winAnsi(block.label));
      doc.font('Helvetica').fontSize(11).fillColor(INK).text(winAnsi(block.value));
      return;
    case 'paragraph':
      doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(INK).text(winAnsi(block.text));
      return;
    case 'muted':
      doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(MUTED).text(winAnsi(block.text));
      return;
  }
}

// Written once every page exists, so each page carries the footer and "page n sur N".
function writeFooters(doc: Doc, footer: string): number {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    const y = doc.page.height - MARGIN + 8;
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(winAnsi(footer), MARGIN, y, { width, lineBreak: false });
    doc.text(`Page ${i - start + 1} sur ${count}`, MARGIN, y + 14, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  return count;
}

/**
 * The whole-dossier PDF of a dossier in scope, with its journal entry; null out of scope (the
 * route answers 404). The entry is written once the PDF exists: a failed rendering exports nothing.
 */
export async function exportDossierPdf(
  db: Executor,
  user: BackOfficeUser,
  dossierId: string,
  options: { portalName: string; now?: Date },
): Promise<(RenderedPdf & { filename: string }) | null> {
  const dossier = await findDossierInScope(db, user, dossierId);
  if (!dossier) return null;
  const pdf = await renderDossierPdf(buildDossierDocument(dossier, { portalName: options.portalName, exportedAt: options.now ?? new Date() }));
  await recordDossierExport(db, user, dossier.id, { format: 'pdf', pages: pdf.pages });
  return { ...pdf, filename: dossierPdfFilename(dossier.number) };
}
