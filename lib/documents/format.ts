// How sizes and dates of documents read in French. Pure: used by pages and client components.

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "0 octet", "512 octets", "12,3 Ko", "1,5 Mo" (1 Ko = 1 024 octets, as file explorers count). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return bytes <= 1 ? `${bytes} octet` : `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} Ko`;
  return `${decimal.format(bytes / (1024 * 1024))} Mo`;
}

/** "30 novembre 2026", in Paris time. */
export function formatDocumentDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "PDF", "Image JPEG", "Image PNG". */
export function describeMimeType(mimeType: string): string {
  switch (mimeType) {
    case 'application/pdf':
      return 'PDF';
    case 'image/jpeg':
      return 'Image JPEG';
    case 'image/png':
      return 'Image PNG';
    default:
      return 'Fichier';
  }
}
