import type { Metadata } from 'next';
import Link from 'next/link';

// Public: the visitor was signed out by the deletion itself.
export const metadata: Metadata = { title: 'Votre compte a été supprimé' };

export default function AccountDeletedPage() {
  return (
    <div className="max-w-3xl">
      <div className="mb-8 bg-success px-6 py-8 text-white">
        <h1 className="text-3xl font-bold leading-tight sm:text-4xl">Votre compte a été supprimé</h1>
      </div>
      <p className="mb-4">
        Votre compte, vos relations, vos brouillons, vos demandes et les documents de votre porte-documents ont été supprimés
        définitivement. Vous avez été déconnecté.
      </p>
      <p className="mb-4">Un courriel de confirmation a été envoyé à votre adresse. Ce sera le dernier.</p>
      <p>
        Vous pouvez à tout moment <Link href="/inscription">créer un nouveau compte</Link> ou <Link href="/">revenir à l’accueil</Link>.
      </p>
    </div>
  );
}
