import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkUpload } from '@/lib/documents/check-upload';
import { estimateJpegQuality, stripImageMetadata } from '@/lib/documents/strip-metadata';
import { containsLocationOrOwner, makePhotoWithGps } from '../helpers/images';

// A phone photo carries where it was taken: the stored copy must not.

describe('photo metadata removal on upload', () => {
  it.each(['jpeg', 'png'] as const)('a %s with GPS EXIF comes out of checkUpload without EXIF, the right way up', async (format) => {
    const photo = await makePhotoWithGps(format);
    // The fixture really carries the data we remove (else this test could not fail).
    expect(containsLocationOrOwner(photo)).toBe(true);
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const name = format === 'jpeg' ? 'vacances.jpg' : 'capture.png';
    const checked = await checkUpload(new File([new Uint8Array(photo)], name));
    if (!checked.ok) throw new Error(checked.message);

    const stored = await sharp(checked.bytes).metadata();
    expect(stored.format).toBe(format);
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(containsLocationOrOwner(checked.bytes)).toBe(false);
    // Orientation 6 was applied to the pixels: 64×32 stored sideways is now 32 wide, 64 high.
    expect([stored.width, stored.height, stored.orientation]).toEqual([32, 64, undefined]);
    expect(checked.sizeBytes).toBe(checked.bytes.length);
  });

  it('re-encodes a JPEG at the quality it was saved with', async () => {
    for (const quality of [60, 85, 95]) {
      const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#123456' } }).jpeg({ quality }).toBuffer();
      expect(estimateJpegQuality(photo)).toBe(quality);
      const stripped = await stripImageMetadata(photo, 'image/jpeg');
      if (!stripped.ok) throw new Error('not decoded');
      expect(estimateJpegQuality(stripped.bytes)).toBe(quality);
    }
  });

  it('leaves PDFs untouched and refuses an image that cannot be decoded', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    expect(await stripImageMetadata(pdf, 'application/pdf')).toEqual({ ok: true, bytes: pdf });
    const broken = Buffer.concat([(await makePhotoWithGps('jpeg')).subarray(0, 200)]);
    const checked = await checkUpload(new File([new Uint8Array(broken)], 'coupée.jpg'));
    expect(checked).toEqual({ ok: false, message: 'L’image « coupée.jpg » est illisible ou endommagée. Enregistrez-la à nouveau, puis envoyez-la.' });
  });
});
