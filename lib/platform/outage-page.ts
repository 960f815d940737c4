// The page a visitor gets when a dependency is down (decision 020): the database (from proxy.ts,
// for every page that needs it) or the file storage (a download). Plain HTML with its own small
// stylesheet in the portal's colours: readable without JavaScript, built without the database or
// React, in French, status 503 with Retry-After so that browsers, crawlers and monitors know it
// passes. Pure: proxy.ts and route handlers use it.

export type OutagePage = {
  portalName: string;
  title: string;
  paragraphs: string[];
  /** Seconds after which trying again makes sense. */
  retryAfterSeconds?: number;
  /** Where "Retour" leads; default the home page. */
  backHref?: string;
  backLabel?: string;
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The portal's palette (app/globals.css): its blue, its ink, a system font stack.
const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#161616;background:#fff;line-height:1.5}
header{border-bottom:1px solid #ddd;padding:1rem}
header a{color:#161616;font-weight:700;font-size:1.2rem;text-decoration:none}
main{max-width:48rem;margin:0 auto;padding:2.5rem 1rem}
h1{font-size:2rem;margin:0 0 1.5rem}
a{color:#000091}
a:focus{outline:2px solid #0a76f6;outline-offset:2px}
.back{display:inline-block;margin-top:1.5rem;padding:.5rem 1.25rem;background:#000091;color:#fff;text-decoration:none;font-weight:500}
`;

/** No script at all; only the inline stylesheet above. */
export const OUTAGE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function renderOutagePage(page: OutagePage): string {
  const paragraphs = page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} — ${escapeHtml(page.portalName)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/">${escapeHtml(page.portalName)}</a></header>
<main id="contenu">
<h1>${escapeHtml(page.title)}</h1>
${paragraphs}
<a class="back" href="${escapeHtml(page.backHref ?? '/')}">${escapeHtml(page.backLabel ?? 'Retour à l’accueil')}</a>
</main>
</body>
</html>
`;
}

export function createOutageResponse(page: OutagePage, method = 'GET'): Response {
  const retryAfter = String(page.retryAfterSeconds ?? 30);
  return new Response(method === 'HEAD' ? null : renderOutagePage(page), {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': retryAfter,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': OUTAGE_PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The database does not answer: every page that needs it. */
export function databaseOutagePage(portalName: string): OutagePage {
  return {
    portalName,
    title: 'Service momentanément indisponible',
    paragraphs: [
      'Le portail ne peut pas afficher cette page pour le moment, à cause d’une difficulté technique de notre côté.',
      'Vos brouillons déjà enregistrés ne sont pas perdus. Réessayez dans quelques minutes.',
    ],
    retryAfterSeconds: 30,
  };
}

/** The file storage does not answer: a download. */
export function storageOutagePage(portalName: string): OutagePage {
  return {
    portalName,
    title: 'Téléchargement momentanément indisponible',
    paragraphs: [
      'Le dépôt de fichiers est momentanément indisponible : ce document ne peut pas être téléchargé pour le moment.',
      'Il n’est pas perdu. Réessayez dans quelques minutes.',
    ],
    retryAfterSeconds: 60,
  };
}
