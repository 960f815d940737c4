import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDefinitionChanges } from '@/lib/administration/procedures/definition-diff';
import { validateStep } from '@/lib/procedures/compile-step';
import { parseDefinition, statusTones } from '@/lib/procedures/definition';

const definition = (rules: unknown[]) =>
  parseDefinition({
    beneficiaries: ['self'],
    steps: [
      { key: 'foyer', title: 'Foyer', fields: [{ key: 'personnes', type: 'number', label: 'Personnes au foyer', required: true }] },
      { key: 'enfants', title: 'Enfants', fields: [{ key: 'enfants', type: 'number', label: 'Enfants au foyer', required: true }] },
    ],
    rules,
    statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
  });

describe('cross-field rules', () => {
  it('a number ≤ another of an earlier step', () => {
    const def = definition([{ field: 'enfants', operator: 'lte', other: 'personnes' }]);
    expect(validateStep(def, 'enfants', { personnes: 3, enfants: 4 })).toEqual({ ok: false, fieldErrors: { enfants: ['« Enfants au foyer » doit être inférieur ou égal à « Personnes au foyer » (3).'] } });
    expect(validateStep(def, 'enfants', { personnes: 3, enfants: 3 }).ok).toBe(true);
  });

  it('refuses a rule that compares with a later step', () => {
    expect(() => definition([{ field: 'personnes', operator: 'gte', other: 'enfants' }])).toThrow(/étape suivante/);
  });
});

describe('what changed between two definitions', () => {
  it('names steps, fields, rules and statuses', () => {
    const before = definition([]);
    const after = structuredClone(before) as unknown as Record<string, unknown> & { steps: { title: string; fields: { label: string }[] }[]; statuses: unknown[] };
    after.steps[0].title = 'Votre foyer';
    after.steps[1].fields[0].label = 'Nombre d’enfants';
    after.rules = [{ field: 'enfants', operator: 'lte', other: 'personnes' }];
    after.statuses = [...after.statuses, { key: 'close', label: 'Close', tone: 'success', final: true, notify: true }];
    expect(describeDefinitionChanges(before, after)).toEqual([
      'Étape « Foyer » renommée en « Votre foyer ».',
      'Champ « Nombre d’enfants » modifié (libellé).',
      'Règle entre « enfants » et « personnes » ajoutée.',
      'Statut « Close » ajouté.',
    ]);
  });
});

describe('the status palette', () => {
  // WCAG 2 contrast ratio of the tag's text on its background, from the theme's colours.
  const css = readFileSync(path.resolve(import.meta.dirname, '../../app/globals.css'), 'utf8');
  const colour = (name: string) => /#([0-9a-f]{6})/i.exec(new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)![1])![1];
  const luminance = (hex: string) => {
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };

  it.each(statusTones)('%s: text on its tint is at least 4.5:1', (tone) => {
    expect(contrast(colour(tone), colour(`${tone}-tint`))).toBeGreaterThanOrEqual(4.5);
  });
});
