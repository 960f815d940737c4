import { describe, expect, it } from 'vitest';
import { afterSignInPath, verificationPath } from '@/app/connexion/paths';
import { safeCallbackPath } from '@/lib/auth/guards';

// Where the portal sends someone after signing in (and back to after a timeout). An attacker
// crafts the link: nothing they write may lead to another site, or break the redirect (hole 9).

describe('safeCallbackPath', () => {
  it('keeps same-site paths, with their query and fragment', () => {
    for (const path of ['/', '/compte', '/demandes?page=2', '/brouillons/abc/etape-1#adresse', '/demandes?x=a%20b']) {
      expect(safeCallbackPath(path, '/repli')).toBe(path);
    }
  });

  it('falls back for anything that names another site or is not a path', () => {
    const attempts = [
      'https://evil.example',
      'javascript:alert(1)',
      '//evil.example',
      '//evil.example/compte',
      '/\\evil.example',
      '/\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '\\evil.example',
      'compte',
      '',
      undefined,
      null,
      ['/compte'],
    ];
    for (const attempt of attempts) expect(safeCallbackPath(attempt, '/repli'), JSON.stringify(attempt)).toBe('/repli');
  });

  it('falls back when resolving dot segments would give "//" (a protocol-relative link)', () => {
    for (const attempt of ['/.//evil.example', '/..//evil.example', '/a/..//evil.example', '/%2e//evil.example']) {
      expect(safeCallbackPath(attempt, '/repli'), attempt).toBe('/repli');
    }
  });

  it('returns percent-encoded ASCII, fit for a Location header: non-ASCII, spaces and quotes are encoded, escapes kept', () => {
    expect(safeCallbackPath('/\u3000')).toBe('/%E3%80%80');
    expect(safeCallbackPath('/démarches/état civil?q=élodie "x"')).toBe('/d%C3%A9marches/%C3%A9tat%20civil?q=%C3%A9lodie%20%22x%22');
    expect(safeCallbackPath('/%E3%80%80')).toBe('/%E3%80%80');
    // A tab written as %09 stays an escape inside the path: harmless, and not turned into a tab.
    expect(safeCallbackPath('/%09/evil.example')).toBe('/%09/evil.example');
    expect(safeCallbackPath('/demandes/../compte')).toBe('/compte');
    for (const path of ['/\u3000', '/😀', '/a b', '/é?é#é']) expect(safeCallbackPath(path)).toMatch(/^\/[\x21-\x7e]*$/);
  });

  it('falls back for a lone surrogate (it cannot be encoded) and for a very long value', () => {
    expect(safeCallbackPath('/\uD800x', '/repli')).toBe('/repli');
    expect(safeCallbackPath(`/${'a'.repeat(5000)}`, '/repli')).toBe('/repli');
    // Within the limit until encoding makes it too long.
    expect(safeCallbackPath(`/${'é'.repeat(1500)}`, '/repli')).toBe('/repli');
    expect(safeCallbackPath(`/${'a'.repeat(1500)}`, '/repli')).toBe(`/${'a'.repeat(1500)}`);
  });
});

describe('afterSignInPath and verificationPath', () => {
  it('never lead back to the sign-in or sign-out pages, however the path is written', () => {
    for (const path of ['/connexion', '/connexion?x=1', '/deconnexion', '/compte/../connexion', '/connexion/verification?next=/compte']) {
      expect(afterSignInPath(path), path).toBe('/compte');
    }
    expect(afterSignInPath('/demandes')).toBe('/demandes');
    expect(afterSignInPath('//evil.example')).toBe('/compte');
  });

  it('build a verification link that carries the encoded path', () => {
    expect(verificationPath('/\u3000')).toBe('/connexion/verification?next=%2F%25E3%2580%2580');
    expect(verificationPath('/\uD800')).toBe('/connexion/verification?next=%2Fcompte');
  });
});
