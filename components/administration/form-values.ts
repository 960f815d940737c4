import type { FormState } from '@/components/forms/form-state';

/** Ticked boxes as just posted (echoed joined by newlines by adminAction), or undefined before any failed post. */
export function echoedList(state: FormState, name: string): string[] | undefined {
  if (!state || state.ok || !state.values) return undefined;
  return state.values[name] ? state.values[name].split('\n') : [];
}
