// What uploads may be, as the browser needs to know it (no Node modules here: client components
// import this). The checks themselves are in check-upload.ts, on the server.

/** 10 Mo (10 × 1024 × 1024 bytes), the limit announced to citizens. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** For `<input type="file" accept>`: a hint for the file picker only, never a check. */
export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const ACCEPTED_FORMATS_LABEL = 'PDF, JPEG ou PNG';

export function tooLargeMessage(name: string): string {
  return `Le fichier « ${name} » dépasse la taille maximale de 10 Mo. Réduisez-le (par exemple en le numérisant en qualité moindre) puis réessayez.`;
}

/** Same value as serverActions.bodySizeLimit and proxyClientMaxBodySize in next.config.ts. */
export const MAX_POST_BYTES = 12 * 1024 * 1024;

/** Where proxy.ts sends back a plain form post over MAX_POST_BYTES: `?envoi=trop-volumineux`. */
export const TOO_LARGE_POST = {
  param: 'envoi',
  value: 'trop-volumineux',
  message: 'Votre envoi dépasse la taille maximale : il n’a pas été enregistré. Chaque fichier doit faire 10 Mo au maximum ; choisissez un fichier plus léger, puis réessayez.',
} as const;
