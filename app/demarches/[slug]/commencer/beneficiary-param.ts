import type { BeneficiaryChoice } from '@/lib/dossiers/beneficiary';

// The beneficiary as one form or URL value: "moi", "personne:<id>", "organisation:<id>".

export function encodeBeneficiary(choice: BeneficiaryChoice): string {
  return choice.kind === 'self' ? 'moi' : `${choice.kind === 'person' ? 'personne' : 'organisation'}:${choice.relationId}`;
}

export function decodeBeneficiary(value: unknown): BeneficiaryChoice | null {
  if (value === 'moi') return { kind: 'self' };
  if (typeof value !== 'string') return null;
  const match = /^(personne|organisation):([0-9a-f-]{36})$/i.exec(value);
  if (!match) return null;
  return { kind: match[1] === 'personne' ? 'person' : 'organisation', relationId: match[2].toLowerCase() };
}
