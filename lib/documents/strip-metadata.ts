// Removes the metadata of uploaded photos before they are stored: a phone's JPEG carries EXIF with
// the GPS position where it was taken, the device, sometimes the owner's name; PNG can carry eXIf
// and text chunks. The image is re-encoded by sharp (libvips), which writes no metadata unless
// asked: the orientation is applied to the pixels first (`rotate()`), so the photo still shows the
// right way up without its EXIF Orientation tag. The ICC colour profile is kept (colours, not a
// person). JPEGs are re-encoded at the quality estimated from their own quantisation table, with
// the same chroma subsampling, so the file stays close to the original in size and look.
// PDFs are stored as they are (their metadata is a separate matter: no re-encoding of documents).

import type { Sharp } from 'sharp';

export type StripResult = { ok: true; bytes: Buffer } | { ok: false };

// Refuse decompression bombs early: 100 megapixels is far above any phone camera (≈ 50 MP).
const MAX_INPUT_PIXELS = 100_000_000;

// The IJG (libjpeg) standard luminance quantisation table, in zig-zag order as stored in DQT.
const STANDARD_LUMINANCE = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61, 60, 57, 51, 56, 55, 64, 72,
  92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99,
];

/**
 * The JPEG quality (1-100) the file was most likely saved with, from its first luminance table:
 * libjpeg scales the standard table by S = quality < 50 ? 5000 / q : 200 - 2q, so the mean ratio
 * gives S back. Camera firmwares use their own tables; the estimate is then close, which is enough.
 */
export function estimateJpegQuality(bytes: Buffer): number | null {
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1];
    const length = bytes.readUInt16BE(offset + 2);
    if (marker === 0xdb) {
      const precision = bytes[offset + 4] >> 4;
      const table = offset + 5;
      if (precision !== 0 || table + 64 > bytes.length) return null;
      let ratio = 0;
      for (let i = 0; i < 64; i++) ratio += (bytes[table + i] * 100) / STANDARD_LUMINANCE[i];
      const scale = ratio / 64;
      const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
      return Math.min(100, Math.max(1, Math.round(quality)));
    }
    if (marker === 0xda) return null; // Start of scan: no table before the image data.
    offset += 2 + length;
  }
  return null;
}

async function loadSharp() {
  // Loaded on first use: modules that only need the upload limits never load libvips.
  return (await import('sharp')).default;
}

async function encode(image: Sharp, mimeType: string, original: Buffer, chromaSubsampling?: string): Promise<Buffer> {
  if (mimeType === 'image/png') return image.png().toBuffer();
  const quality = estimateJpegQuality(original) ?? 90;
  return image
    .jpeg({ quality, chromaSubsampling: chromaSubsampling === '4:4:4' ? '4:4:4' : '4:2:0', mozjpeg: false })
    .toBuffer();
}

/**
 * Returns the image without EXIF, XMP, IPTC or comments, the right way up, in the same format;
 * other types come back untouched. `ok: false` when the image cannot be decoded.
 */
export async function stripImageMetadata(bytes: Buffer, mimeType: string): Promise<StripResult> {
  if (mimeType !== 'image/jpeg' && mimeType !== 'image/png') return { ok: true, bytes };
  try {
    const sharp = await loadSharp();
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const { chromaSubsampling } = await input.metadata();
    const image = input.rotate().keepIccProfile();
    return { ok: true, bytes: await encode(image, mimeType, bytes, chromaSubsampling) };
  } catch {
    return { ok: false };
  }
}
