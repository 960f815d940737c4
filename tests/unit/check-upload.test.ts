import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { checkUpload, detectFileType, MAX_UPLOAD_BYTES, sanitizeFilename } from '@/lib/documents/check-upload';
import { isChosenFile } from '@/lib/documents/schemas';

import { TINY_PNG as PNG } from '../helpers/images';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);

function file(content: Buffer | string, name: string, type = 'application/pdf'): File {
  return new File([typeof content === 'string' ? content : new Uint8Array(content)], name, { type });
}

describe('detectFileType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(detectFileType(PDF)?.mimeType).toBe('application/pdf');
    expect(detectFileType(PNG)?.mimeType).toBe('image/png');
    expect(detectFileType(JPEG)?.mimeType).toBe('image/jpeg');
  });

  it.each([
    ['HTML', '<!DOCTYPE html><script>alert(1)</script>'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['a PDF preceded by HTML (polyglot)', '<html>%PDF-1.4'],
    ['an executable (MZ)', 'MZ\x90\x00\x03'],
    ['a ZIP/docx', 'PK\x03\x04'],
    ['GIF', 'GIF89a'],
    ['a truncated PNG signature', '\x89PNG'],
    ['nothing', ''],
  ])('refuses %s', (_label, content) => {
    expect(detectFileType(Buffer.from(content, 'latin1'))).toBeNull();
  });
});

describe('sanitizeFilename', () => {
  it('keeps accents and spaces, takes the extension from the detected type', () => {
    expect(sanitizeFilename('Relevé d’identité.PDF', 'pdf')).toBe('Relevé d’identité.pdf');
    expect(sanitizeFilename('photo.html', 'jpg')).toBe('photo.jpg');
    expect(sanitizeFilename('sans-extension', 'png')).toBe('sans-extension.png');
  });

  it('drops paths, reserved and control characters, bidi overrides and leading dots', () => {
    expect(sanitizeFilename('C:\\Users\\moi\\..\\facture.pdf', 'pdf')).toBe('facture.pdf');
    expect(sanitizeFilename('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFilename('a<b>c:"d|e?*\u0000\n.pdf', 'pdf')).toBe('abcde.pdf');
    expect(sanitizeFilename('\u202Efdp.exe', 'pdf')).toBe('fdp.pdf');
    expect(sanitizeFilename('.htaccess', 'pdf')).toBe('document.pdf');
    expect(sanitizeFilename('', 'png')).toBe('document.png');
  });

  it('shortens very long names to 100 characters before the extension', () => {
    expect(sanitizeFilename(`${'é'.repeat(300)}.pdf`, 'pdf')).toBe(`${'é'.repeat(100)}.pdf`);
  });
});

describe('checkUpload', () => {
  it('accepts a PDF and returns its bytes, size, hash and a safe name', async () => {
    const result = await checkUpload(file(PDF, 'Avis d’imposition 2025.pdf', 'text/html'));
    expect(result).toEqual({
      ok: true,
      bytes: PDF,
      filename: 'Avis d’imposition 2025.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
  });

  it('trusts the content, not the declared type nor the extension', async () => {
    const result = await checkUpload(file(PNG, 'scan.pdf', 'application/pdf'));
    expect(result).toMatchObject({ ok: true, mimeType: 'image/png', filename: 'scan.png' });
  });

  it('refuses an empty file', async () => {
    const result = await checkUpload(file('', 'vide.pdf'));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('est vide') });
  });

  it('refuses a file over 10 Mo and accepts one of exactly 10 Mo', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    PDF.copy(big);
    const tooBig = await checkUpload(file(big, 'gros.pdf'));
    expect(tooBig).toEqual({ ok: false, message: expect.stringContaining('10 Mo') });
    const exact = await checkUpload(file(big.subarray(0, MAX_UPLOAD_BYTES), 'juste.pdf'));
    expect(exact.ok).toBe(true);
  });

  it('refuses an HTML page renamed .pdf, saying the content is a web page', async () => {
    const result = await checkUpload(file('<!doctype html><script>alert(document.cookie)</script>', 'facture.pdf'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('« facture.pdf »');
      expect(result.message).toContain('page web');
      expect(result.message).toContain('PDF, JPEG ou PNG');
    }
  });

  it('refuses an SVG renamed .png and an executable renamed .pdf', async () => {
    const svg = await checkUpload(file('<?xml version="1.0"?><svg onload="alert(1)"/>', 'image.png', 'image/png'));
    const exe = await checkUpload(file(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'setup.pdf'));
    expect(svg).toEqual({ ok: false, message: expect.stringContaining('n’est pas accepté') });
    expect(exe).toEqual({ ok: false, message: expect.stringContaining('programme') });
  });

  it('refuses a Word document, naming the accepted formats', async () => {
    const result = await checkUpload(file(Buffer.from('PK\x03\x04\x14\x00', 'latin1'), 'lettre.docx'));
    expect(result).toEqual({ ok: false, message: 'Le fichier « lettre.docx » n’est pas accepté. Formats acceptés : PDF, JPEG ou PNG.' });
  });
});

describe('isChosenFile', () => {
  it('tells an untouched file input from a chosen file, even an empty one', () => {
    expect(isChosenFile(new File([], ''))).toBe(false);
    expect(isChosenFile(new File([], 'undefined'))).toBe(false);
    expect(isChosenFile(new File([], 'blob'))).toBe(false);
    expect(isChosenFile('')).toBe(false);
    expect(isChosenFile(undefined)).toBe(false);
    expect(isChosenFile(new File([], 'vide.pdf'))).toBe(true);
    expect(isChosenFile(new File(['x'], ''))).toBe(true);
  });
});
