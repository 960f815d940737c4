'use client';

import './globals.css';

// Shown when the root layout itself fails: in practice, the database does not answer (the layout
// reads the signed-in user). It replaces the whole document, so it carries its own <html>; it
// cannot read the database or the portal's name. French, plain, and no error detail.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="fr">
      <head>
        <title>Service momentanément indisponible</title>
        <meta name="robots" content="noindex" />
      </head>
      <body className="flex min-h-screen flex-col bg-white">
        <main id="contenu" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">
          <div className="prose-public">
            <h1 className="mb-6 text-3xl font-bold sm:text-4xl">Service momentanément indisponible</h1>
            <p>
              Le portail ne peut pas afficher cette page pour le moment, à cause d’une difficulté technique de notre côté.
              Vos brouillons déjà enregistrés ne sont pas perdus.
            </p>
            <p>Réessayez dans quelques minutes.</p>
            <div className="mt-6 flex flex-wrap gap-4">
              <button type="button" onClick={() => retry()} className="min-h-11 cursor-pointer bg-primary px-5 py-2 font-medium text-white hover:bg-primary-hover">
                Réessayer
              </button>
              {/* A plain link: a full reload, not a client navigation inside a broken tree. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a href="/" className="self-center">
                Retour à l’accueil
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
