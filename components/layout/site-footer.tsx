import Link from 'next/link';

/** `accessibilityLabel` states the conformity level, as the RGAA asks (lib/statements/accessibility.ts). */
export function SiteFooter({ portalName, accessibilityLabel }: { portalName: string; accessibilityLabel: string }) {
  const links = [
    { href: '/aide', label: 'Aide' },
    { href: '/cookies', label: 'Cookies' },
    { href: '/donnees-personnelles', label: 'Données personnelles' },
    { href: '/accessibilite', label: accessibilityLabel },
    { href: '/mentions-legales', label: 'Mentions légales' },
  ];
  return (
    <footer className="mt-12 border-t-2 border-primary bg-white">
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <p className="text-lg font-bold">{portalName}</p>
        <p className="mt-2 max-w-2xl text-sm text-ink-muted">
          Effectuez vos démarches en ligne et suivez vos demandes, à toute heure, depuis un ordinateur, une tablette ou un
          téléphone.
        </p>
        <ul className="mt-6 flex flex-wrap gap-x-6 gap-y-2 border-t border-line pt-4 text-sm">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-ink-muted">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </footer>
  );
}
