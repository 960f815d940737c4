// Pure: what changed between two definitions, in French, one line per change (unit-tested).
// Shown when a save is refused because the working version changed meanwhile, and before
// publishing (what the new version changes from the published one).

type Obj = Record<string, unknown>;
type Field = Obj & { key: string; label?: string };
type Step = Obj & { key: string; title?: string; fields?: Field[] };
type Status = Obj & { key: string; label?: string };
type Rule = Obj & { field?: string; operator?: string; other?: string };

const asObject = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const quote = (s: unknown) => `« ${String(s)} »`;

const presentationKeys: Record<string, string> = {
  beneficiaries: 'les bénéficiaires',
  personSubtypes: 'les types de personnes',
  estimatedDuration: 'la durée estimée',
  requirements: 'les pièces à préparer',
  processingTime: 'le délai de traitement',
};

const fieldParts: Record<string, string> = {
  label: 'libellé',
  hint: 'aide',
  required: 'obligatoire',
  type: 'type',
  showIf: 'condition d’affichage',
  prefill: 'pré-remplissage',
  options: 'options',
  body: 'texte',
};

function describeField(before: Field, after: Field): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('key');
  const changed = [...keys].filter((k) => !same(before[k], after[k]));
  if (!changed.length) return [];
  const parts = [...new Set(changed.map((k) => fieldParts[k] ?? 'réglages'))];
  return [`Champ ${quote(after.label ?? after.key)} modifié (${parts.join(', ')}).`];
}

function describeSteps(before: Step[], after: Step[]): string[] {
  const lines: string[] = [];
  const beforeKeys = before.map((s) => s.key);
  const afterKeys = after.map((s) => s.key);
  for (const step of before) if (!afterKeys.includes(step.key)) lines.push(`Étape ${quote(step.title ?? step.key)} retirée.`);
  const kept = afterKeys.filter((k) => beforeKeys.includes(k));
  const keptBefore = beforeKeys.filter((k) => afterKeys.includes(k));
  if (!same(kept, keptBefore)) lines.push(`Ordre des étapes modifié : ${after.map((s) => quote(s.title ?? s.key)).join(', ')}.`);

  const beforeFields = new Map(before.flatMap((s) => asList<Field>(s.fields).map((f) => [f.key, { field: f, step: s }] as const)));
  const afterFieldKeys = new Set(after.flatMap((s) => asList<Field>(s.fields).map((f) => f.key)));
  for (const step of after) {
    const old = before.find((s) => s.key === step.key);
    if (!old) {
      lines.push(`Étape ${quote(step.title ?? step.key)} ajoutée.`);
    } else {
      if (!same(old.title, step.title)) lines.push(`Étape ${quote(old.title)} renommée en ${quote(step.title)}.`);
      if (!same(old.description, step.description)) lines.push(`Description de l’étape ${quote(step.title)} modifiée.`);
      const oldOrder = asList<Field>(old.fields).map((f) => f.key).filter((k) => asList<Field>(step.fields).some((f) => f.key === k));
      const newOrder = asList<Field>(step.fields).map((f) => f.key).filter((k) => oldOrder.includes(k));
      if (!same(oldOrder, newOrder)) lines.push(`Ordre des champs de l’étape ${quote(step.title)} modifié.`);
    }
    for (const field of asList<Field>(step.fields)) {
      const previous = beforeFields.get(field.key);
      if (!previous) lines.push(`Champ ${quote(field.label ?? field.key)} ajouté à l’étape ${quote(step.title ?? step.key)}.`);
      else {
        if (previous.step.key !== step.key) lines.push(`Champ ${quote(field.label ?? field.key)} déplacé vers l’étape ${quote(step.title ?? step.key)}.`);
        lines.push(...describeField(previous.field, field));
      }
    }
  }
  for (const [key, { field, step }] of beforeFields) {
    if (!afterFieldKeys.has(key)) lines.push(`Champ ${quote(field.label ?? key)} retiré de l’étape ${quote(step.title ?? step.key)}.`);
  }
  return lines;
}

function describeStatuses(before: Status[], after: Status[]): string[] {
  const lines: string[] = [];
  for (const status of after) {
    const old = before.find((s) => s.key === status.key);
    if (!old) lines.push(`Statut ${quote(status.label ?? status.key)} ajouté.`);
    else if (!same(old, status)) lines.push(`Statut ${quote(status.label ?? status.key)} modifié.`);
  }
  for (const status of before) if (!after.some((s) => s.key === status.key)) lines.push(`Statut ${quote(status.label ?? status.key)} retiré.`);
  const order = (list: Status[]) => list.map((s) => s.key).filter((k) => before.some((s) => s.key === k) && after.some((s) => s.key === k));
  if (!same(order(before), order(after))) lines.push('Ordre des statuts modifié.');
  return lines;
}

function describeRules(before: Rule[], after: Rule[]): string[] {
  const id = (r: Rule) => `${r.field} ${r.operator} ${r.other}`;
  const lines: string[] = [];
  for (const rule of after) if (!before.some((r) => id(r) === id(rule))) lines.push(`Règle entre ${quote(rule.field)} et ${quote(rule.other)} ajoutée.`);
  for (const rule of before) if (!after.some((r) => id(r) === id(rule))) lines.push(`Règle entre ${quote(rule.field)} et ${quote(rule.other)} retirée.`);
  return lines;
}

/** What `after` changes from `before` (two stored definitions); empty when they are the same. */
export function describeDefinitionChanges(beforeJson: unknown, afterJson: unknown): string[] {
  const before = asObject(beforeJson);
  const after = asObject(afterJson);
  const lines: string[] = [];
  const presentation = Object.keys(presentationKeys).filter((k) => !same(before[k], after[k]));
  if (presentation.length) lines.push(`Présentation modifiée : ${presentation.map((k) => presentationKeys[k]).join(', ')}.`);
  lines.push(...describeSteps(asList<Step>(before.steps), asList<Step>(after.steps)));
  lines.push(...describeRules(asList<Rule>(before.rules), asList<Rule>(after.rules)));
  lines.push(...describeStatuses(asList<Status>(before.statuses), asList<Status>(after.statuses)));
  return lines;
}
