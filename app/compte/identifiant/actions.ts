'use server';

import { getAccountContext } from '@/lib/accounts/app-context';
import { requestEmailChange } from '@/lib/accounts/credentials';
import { changeEmailSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/actions/define-action';
import { echoValues } from '@/lib/actions/result';
import { accountFailure } from '../messages';

// The answer is the same whether or not the new address already has an account (that owner is
// told by email instead): the page must not become a way to test addresses.
export const changeLoginEmail = citizenAction(changeEmailSchema, async (input, user, formData) => {
  const result = await requestEmailChange(await getAccountContext(), user.id, input.newEmail, input.currentPassword);
  if (!result.ok) return { ...accountFailure(result), values: echoValues(formData) };
  return {
    ok: true,
    message: `Un lien de confirmation a été envoyé à ${input.newEmail}. Votre identifiant ne changera qu’une fois ce lien ouvert. Un message sera aussi envoyé à votre adresse actuelle.`,
  };
});
