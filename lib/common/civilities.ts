// The civilities a person may give (account profile, relations). Without zod, so that a form can
// list them without loading its schema (decision 019).
export const civilities = ['Madame', 'Monsieur'] as const;
export type Civility = (typeof civilities)[number];
