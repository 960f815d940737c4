import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { signInSchema } from '@/lib/accounts/schemas';
import { SESSION_MAX_AGE_SECONDS } from './session-token';
import { getAuthSecret } from '@/lib/security/auth-secret';
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
    /** Set by the 'second-factor' provider only. */
    mfa?: boolean;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    userId?: string;
    role?: string;
    sessionVersion?: number;
    /** Sign-in time (seconds), the start of the absolute lifetime: renewals keep it (session-token.ts). */
    auth_time?: number;
    /** The session was opened with the second factor: required for the back office (session-user.ts). */
    mfa?: boolean;
  }
}

// Only signIn and signOut are used, from server actions (they call Auth.js in-process). No Auth.js
// HTTP endpoint is exposed (no app/api/auth route), and `auth()`/`unstable_update` are not
// exported: sessions are read and re-issued by lib/auth/session-token.ts and the guards, which
// check the database first (decision 009).
export const { signIn, signOut } = NextAuth(() => {
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
          // Loaded on use: importing this module (sign-in and sign-out actions) opens no database.
          // It also reads the client's address and device cookie, and issues the device cookie (decision 010).
          const { authenticateSignIn } = await import('./sign-in-request');
          const result = await authenticateSignIn(parsed.data.email, parsed.data.password);
          if (!result.ok) throw new SignInRefused(result.reason === 'throttled' ? `throttled-${result.waitSeconds}` : result.reason);
          // Agents and administrators get no session from a password alone: a pending sign-in, then a code.
          if (result.user.role !== 'citizen') {
            const [{ beginSecondFactor }, { getDb }] = await Promise.all([import('@/lib/auth/second-factor/sign-in-steps'), import('@/lib/db')]);
            const stage = await beginSecondFactor(await getDb(), result.user);
            throw new SignInRefused(stage === 'enrol' ? 'enrol' : 'second-factor');
          }
          return { id: result.user.id, email: result.user.email, role: result.user.role, sessionVersion: result.user.sessionVersion };
        },
      }),
      // The back office's second step: only with this browser's pending sign-in (set above) and a code.
      Credentials({
        id: 'second-factor',
        credentials: { method: {}, code: {} },
        async authorize(raw) {
          const [{ secondFactorCredentialsSchema }, { completeSecondFactor }, { getDb }] = await Promise.all([
            import('@/lib/auth/second-factor/schemas'),
            import('@/lib/auth/second-factor/sign-in-steps'),
            import('@/lib/db'),
          ]);
          const parsed = secondFactorCredentialsSchema.safeParse(raw);
          if (!parsed.success) throw new SignInRefused('second-factor:wrong-code');
          const result = await completeSecondFactor(await getDb(), parsed.data.method, parsed.data.code);
          if (!result.ok) throw new SignInRefused(`second-factor:${result.reason === 'throttled' ? `throttled-${result.waitSeconds}` : result.reason}`);
          const { user } = result;
          return { id: user.id, email: user.email, role: user.role, sessionVersion: user.sessionVersion, mfa: true };
        },
      }),
    ],
    callbacks: {
      // Claims are set once, at sign-in, from the database row. Nothing else ever changes a token
      // here: an `update` carries client data (decision 009); the server re-issues cookies itself.
      jwt({ token, user, trigger }) {
        if (trigger !== 'signIn' || !user) return token;
        token.userId = user.id;
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
        token.mfa = user.mfa === true;
        token.auth_time = Math.floor(Date.now() / 1000);
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
