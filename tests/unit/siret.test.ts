import { describe, expect, it } from 'vitest';
import { formatSiret, isValidSiret, normalizeSiret } from '@/lib/relations/siret';

describe('isValidSiret', () => {
  it.each([
    ['42103958700017', 'the demo association of the seed'],
    ['73282932000074', 'a published example'],
    ['55208131766522', 'another real establishment'],
    ['421 039 587 00017', 'typed with spaces'],
    ['35600000000048', 'La Poste head office: an ordinary Luhn key'],
    ['35600000049837', 'a La Poste establishment: digit sum 45, a multiple of 5, whatever Luhn says'],
  ])('accepts %s (%s)', (value) => {
    expect(isValidSiret(value)).toBe(true);
  });

  it.each([
    ['42103958700018', 'last digit changed: wrong Luhn key'],
    ['42103958700071', 'two digits swapped'],
    ['42103958800007', 'the SIRET key passes but the SIREN key does not'],
    ['35600000049836', 'La Poste, digit sum 44: neither rule holds'],
    ['4210395870001', '13 digits'],
    ['421039587000170', '15 digits'],
    ['4210395870001A', 'a letter'],
    ['42103958700O17', 'the letter O instead of a zero'],
    ['', 'empty'],
  ])('refuses %s (%s)', (value) => {
    expect(isValidSiret(value)).toBe(false);
  });
});

describe('normalizeSiret and formatSiret', () => {
  it('strips every kind of space', () => {
    expect(normalizeSiret(' 421 039\u00a0587\t00017 ')).toBe('42103958700017');
  });

  it('groups the SIREN by three, then the establishment number', () => {
    expect(formatSiret('42103958700017')).toBe('421 039 587 00017');
    expect(formatSiret('abc')).toBe('abc');
  });
});
