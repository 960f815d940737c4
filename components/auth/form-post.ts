import 'server-only';
import { headers } from 'next/headers';

/**
 * True while rendering the answer to a form posted without JavaScript: the server action ran as a
 * plain POST and the page is rendered with its result. (With JavaScript, actions carry a
 * Next-Action header and the client sets the title itself.) On pages whose action redirects on
 * success, such a render always shows errors: its title starts with "Erreur : " (GOV.UK/DSFR).
 */
export async function titleAfterPost(title: string): Promise<string> {
  const request = await headers();
  const posted = !request.has('next-action') && /^(multipart\/form-data|application\/x-www-form-urlencoded)/.test(request.get('content-type') ?? '');
  return posted ? `Erreur : ${title}` : title;
}
