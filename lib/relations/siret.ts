// SIRET checks (pure: used by the forms in the browser and by the server).
// A SIRET is 14 digits: the 9-digit SIREN of the company, then 5 for the establishment; both the
// SIREN and the whole SIRET carry a Luhn key, which catches any single mistyped digit and most swaps.

/** La Poste has more establishments than a Luhn key leaves room for: INSEE uses another key for them. */
const LA_POSTE_SIREN = '356000000';

/** Removes the spaces people type or paste ("421 039 587 00017"). */
export function normalizeSiret(value: string): string {
  return value.replace(/\s+/g, '');
}

function digitsOf(value: string): number[] {
  return [...value].map(Number);
}

/** Luhn: from the right, every second digit is doubled (minus 9 above 9); the sum ends in 0. */
export function passesLuhn(value: string): boolean {
  const sum = digitsOf(value)
    .reverse()
    .reduce((total, digit, index) => {
      if (index % 2 === 0) return total + digit;
      const doubled = digit * 2;
      return total + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
  return sum % 10 === 0;
}

export function isValidSiret(value: string): boolean {
  const siret = normalizeSiret(value);
  if (!/^\d{14}$/.test(siret)) return false;
  if (!passesLuhn(siret.slice(0, 9))) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    // Its head office (35600000000048) has an ordinary Luhn key; the other establishments a digit sum multiple of 5.
    return passesLuhn(siret) || digitsOf(siret).reduce((a, b) => a + b, 0) % 5 === 0;
  }
  return passesLuhn(siret);
}

/** "421 039 587 00017": the SIREN in groups of three, then the establishment number. */
export function formatSiret(value: string): string {
  const siret = normalizeSiret(value);
  if (!/^\d{14}$/.test(siret)) return value;
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}
