import { handlers } from '@/lib/auth/config';

// Auth.js endpoints (session renewal, CSRF); sign-in and sign-out go through server actions.
export const { GET, POST } = handlers;
