import { describe, expect, it } from 'vitest';
import { asciiFallbackFilename, contentDisposition, createDownloadResponse } from '@/lib/documents/download-response';

describe('createDownloadResponse', () => {
  it('answers a download that the browser neither renders nor sniffs nor caches', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 test');
    const response = createDownloadResponse(bytes, { filename: 'avis.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="avis.pdf"; filename*=UTF-8''avis.pdf`);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('streams a ReadableStream body', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('ab'));
        controller.enqueue(new TextEncoder().encode('cd'));
        controller.close();
      },
    });
    const response = createDownloadResponse(stream, { filename: 'x.png', mimeType: 'image/png', sizeBytes: 4 });
    expect(await response.text()).toBe('abcd');
  });

  it('never names a type it did not accept at upload', () => {
    const response = createDownloadResponse(new Uint8Array([1]), { filename: 'x.html', mimeType: 'text/html', sizeBytes: 1 });
    expect(response.headers.get('Content-Type')).toBe('application/octet-stream');
  });
});

describe('contentDisposition', () => {
  it('gives accented names in UTF-8 (RFC 5987) with an ASCII fallback', () => {
    expect(contentDisposition('Relevé d’identité bancaire.pdf')).toBe(
      `attachment; filename="Releve d_identite bancaire.pdf"; filename*=UTF-8''Relev%C3%A9%20d%E2%80%99identit%C3%A9%20bancaire.pdf`,
    );
  });

  it('cannot be broken out of by quotes, semicolons or line breaks in the name', () => {
    const header = contentDisposition('a"; filename=evil.html\r\nSet-Cookie: x=1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(header).toContain(`filename*=UTF-8''a%22%3B%20filename%3Devil.htmlSet-Cookie%3A%20x%3D1.pdf`);
    expect(asciiFallbackFilename("l'été (1).pdf")).toBe("l'ete (1).pdf");
    expect(contentDisposition("l'été (1).pdf")).toContain(`filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.pdf`);
  });
});
