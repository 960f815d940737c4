// Who a procedure may be filed for, and the tones of its statuses. Without zod, so that the
// editor's forms list them without loading the definition schema (decision 019).
export const beneficiaryKinds = ['self', 'person', 'organisation'] as const;
export const statusTones = ['info', 'progress', 'success', 'warning', 'error'] as const;
