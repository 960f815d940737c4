import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { signInSchema } from '@/lib/accounts/schemas';
import { getAuthSecret, SESSION_MAX_AGE_SECONDS } from './session-token';
import { logger } from '@/lib/platform/logger';

// Inactivity timeout (RGAA 13.1): the JWT lives 30 minutes and is renewed by the proxy on each
// request, so only an idle session expires; the page warns two minutes before and offers to extend.
export { SESSION_MAX_AGE_SECONDS };

/** The code travels in Auth.js errors only; the page turns it into a French message. */
export class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module 'next-auth' {
  interface Session {
    userId: string;
    sessionVersion: number;
  }
  interface User {
    role?: string;
    sessionVersion?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    userId?: string;
    role?: string;
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(() => {
  return {
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 0 },
    pages: { signIn: '/connexion', error: '/connexion' },
    logger: {
      // A refused sign-in is an expected outcome (audited in lib/accounts), not a server error with a stack trace.
      error(error) {
        const type = (error as Error & { type?: string }).type;
        if (type === 'CredentialsSignin' || error.name === 'CredentialsSignin') return;
        logger.error({ err: error }, `[auth] ${type ?? error.name}`);
      },
      warn(code) {
        logger.warn(`[auth] warning: ${code}`);
      },
      debug() {},
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new SignInRefused('invalid');
          // Loaded on use: the proxy imports this module to renew sessions and never reaches the database.
          const [{ authenticate }, { getDb }] = await Promise.all([import('@/lib/accounts/sign-in'), import('@/lib/db')]);
          const result = await authenticate(await getDb(), parsed.data.email, parsed.data.password);
          if (!result.ok) throw new SignInRefused(result.reason === 'throttled' ? `throttled-${result.waitSeconds}` : result.reason);
          return { id: result.user.id, email: result.user.email, role: result.user.role, sessionVersion: result.user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user, trigger, session }) {
        if (user) {
          token.userId = user.id;
          token.role = user.role;
          token.sessionVersion = user.sessionVersion;
        }
        // After a password change the current session is re-issued with the new version (the others end).
        if (trigger === 'update' && typeof session?.sessionVersion === 'number') token.sessionVersion = session.sessionVersion;
        return token;
      },
      session({ session, token }) {
        session.userId = token.userId ?? '';
        session.sessionVersion = token.sessionVersion ?? 0;
        return session;
      },
    },
  };
});
