'use server';

import { defineAction } from '@/lib/actions/define-action';
import { recoveryCodeSchema } from '@/lib/auth/second-factor/schemas';
import { signInWithSecondFactor } from '../second-factor';

// A malformed code: the messages, but not what was typed (a recovery code is a secret).
export const verifyRecoveryCodeAction = defineAction({ role: 'public', schema: recoveryCodeSchema, echo: false }, (input, _user, formData) =>
  signInWithSecondFactor('recovery', input.code, formData),
);
