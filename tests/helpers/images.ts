import sharp from 'sharp';

/** A real 1×1 white PNG (90 bytes): uploads are decoded now, so a bare signature is not enough. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWP4//8/AAX+Av5Y8msOAAAAAElFTkSuQmCC',
  'base64',
);

/** EXIF as a phone writes it: the device, the owner, and where the photo was taken. */
export const PHONE_EXIF = {
  IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Artist: 'Camille Martin' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2988/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 20/1 5640/100' },
};

/**
 * A photo with GPS EXIF, 64×32 pixels stored sideways with Orientation 6 (display rotated 90°
 * clockwise): once the orientation is applied, it is 32 wide and 64 high.
 */
export async function makePhotoWithGps(format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 32, channels: 3, background: '#c04020' } })
    .withExif(PHONE_EXIF)
    .withMetadata({ orientation: 6 });
  return format === 'jpeg' ? image.jpeg({ quality: 85 }).toBuffer() : image.png().toBuffer();
}

/** True when the bytes carry an EXIF block with a GPS IFD, or any of the PHONE_EXIF strings. */
export function containsLocationOrOwner(bytes: Buffer): boolean {
  const latin1 = bytes.toString('latin1');
  return ['Camille Martin', 'PhoneMaker', 'Phone 12'].some((s) => latin1.includes(s)) || hasGpsIfdPointer(bytes);
}

/** The EXIF tag 0x8825 (GPSInfo IFD pointer) in either byte order, inside an "Exif\0\0" block. */
function hasGpsIfdPointer(bytes: Buffer): boolean {
  const start = bytes.indexOf('Exif\0\0', 0, 'latin1');
  if (start < 0) return false;
  const exif = bytes.subarray(start);
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}
