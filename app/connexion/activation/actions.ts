'use server';

import { defineAction } from '@/lib/actions/define-action';
import { totpCodeSchema } from '@/lib/auth/second-factor/schemas';
import { signInWithSecondFactor } from '../second-factor';

// A malformed code: the messages, but not what was typed (a recovery code is a secret).
export const confirmEnrolmentAction = defineAction({ role: 'public', schema: totpCodeSchema, echo: false }, (input, _user, formData) =>
  signInWithSecondFactor('enrol', input.code, formData),
);
