'use client';

import dynamic from 'next/dynamic';

// The layout's pieces that only a signed-in visitor sees: the session-timeout dialog, live
// notifications and the sign-out form. Imported statically by the root layout, their code would
// travel with every page, anonymous visits included (the layout's chunks load everywhere). Behind
// next/dynamic they are still rendered on the server (the sign-out button works without
// JavaScript), and their chunks load only on pages where the layout renders them. Decision 019.

export const SignOutForm = dynamic(() => import('@/components/auth/sign-out-form').then((m) => m.SignOutForm));

export const SessionTimeoutWarning = dynamic(() => import('@/components/auth/session-timeout-warning').then((m) => m.SessionTimeoutWarning));

export const LiveUpdates = dynamic(() => import('@/components/notifications/live-updates').then((m) => m.LiveUpdates));
