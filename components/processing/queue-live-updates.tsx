import { LiveUpdates } from '@/components/notifications/live-updates';

const announcements: Record<string, string> = {
  citizen_message: 'Un usager a envoyé un message sur un de vos dossiers.',
  completion_answered: 'Un usager a envoyé un complément demandé sur un de vos dossiers.',
};

/** Keeps the queue's unread markers and count up to date while it is open (app/admin/flux). */
export function QueueLiveUpdates() {
  return <LiveUpdates src="/admin/flux" announcements={announcements} />;
}
