// Downloads of one dossier for the agent: the whole dossier as a PDF, its files as a ZIP. Plain
// links (no JavaScript); each download is recorded in the journal by its route.

export function DossierExports({ dossierId, fileCount }: { dossierId: string; fileCount: number }) {
  return (
    <section aria-labelledby="exports-title" className="mb-8">
      <h2 id="exports-title" className="mb-3 text-2xl font-bold">
        Exporter
      </h2>
      <ul className="space-y-2">
        <li>
          <a href={`/admin/dossiers/${dossierId}/pdf`} download>
            Télécharger le dossier complet (PDF)
          </a>
        </li>
        <li>
          {fileCount > 0 ? (
            <a href={`/admin/dossiers/${dossierId}/zip`} download>
              Télécharger les fichiers du dossier (ZIP, {fileCount} {fileCount > 1 ? 'fichiers' : 'fichier'})
            </a>
          ) : (
            <span className="text-ink-muted">Aucun fichier à télécharger.</span>
          )}
        </li>
      </ul>
      <p className="mt-2 text-sm text-ink-muted">Le PDF ne contient pas les notes internes. Chaque téléchargement est inscrit au journal.</p>
    </section>
  );
}
