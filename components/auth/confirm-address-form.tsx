'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Alert, Button, PageHeader } from '@/components/ui';
import type { ActionResult } from '@/lib/actions/result';
import { LinkExpired } from './link-expired';
import { ResendConfirmationForm } from './resend-confirmation-form';
import type { FormAction } from './use-server-form';

export type ConfirmedAddress = 'signup' | 'email-change';

export type ConfirmAddressFormProps = {
  action: FormAction<ActionResult<ConfirmedAddress>>;
  resendAction: FormAction<ActionResult>;
  token: string;
  /** What the link confirms, found without using it up; null when it is no longer valid. */
  kind: ConfirmedAddress | null;
  documentTitle: string;
};

function Confirmed({ kind }: { kind: ConfirmedAddress }) {
  if (kind === 'email-change') {
    return (
      <div className="max-w-2xl">
        <PageHeader title="Votre adresse est confirmée" />
        <Alert tone="success">
          <p>Votre nouvelle adresse est enregistrée. Reconnectez-vous avec elle.</p>
        </Alert>
        <p>Pour votre sécurité, toutes vos sessions ont été fermées. Un courriel d’information a été envoyé à votre ancienne adresse.</p>
        <p className="mt-6">
          <Link href="/connexion">Se connecter</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <PageHeader title="Votre adresse est confirmée" />
      <Alert tone="success">
        <p>Votre compte est activé : vous pouvez vous connecter.</p>
      </Alert>
      <p>
        <Link href="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}

/**
 * Link scanners and mail previews open links by themselves: the page only asks, and the address is
 * confirmed when the citizen presses the button (a POST).
 */
export function ConfirmAddressForm({ action, resendAction, token, kind, documentTitle }: ConfirmAddressFormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  if (state?.ok && state.data) return <Confirmed kind={state.data} />;
  // The action's answer wins: without JavaScript the page is rendered again after the post.
  if (state || !kind) {
    return (
      <LinkExpired lifetime="24 heures">
        <p className="mb-6">
          Si votre adresse est déjà confirmée, vous pouvez <Link href="/connexion">vous connecter</Link>.
        </p>
        <h2 className="mb-4 text-2xl font-bold">Recevoir un nouveau lien de confirmation</h2>
        <p className="mb-4">
          Pour un changement d’adresse de connexion, refaites la demande depuis votre compte, rubrique « Identifiant ».
        </p>
        <ResendConfirmationForm action={resendAction} documentTitle={documentTitle} />
      </LinkExpired>
    );
  }
  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Confirmer votre adresse de courriel"
        lead={
          kind === 'email-change'
            ? 'Confirmez cette adresse pour en faire votre nouvel identifiant de connexion.'
            : 'Une dernière étape pour activer votre compte.'
        }
      />
      <form action={dispatch}>
        <input type="hidden" name="token" value={token} />
        <Button aria-disabled={pending || undefined}>Confirmer mon adresse</Button>
      </form>
    </div>
  );
}
