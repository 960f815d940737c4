import type { ReactNode } from 'react';
import { AccountNav } from '@/components/account/account-nav';

// Layout only: no session read here. A layout does not re-render on every navigation, so each
// page runs its own guard (requireCitizen) and each action its own check (citizenAction).
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid gap-8 md:grid-cols-[14rem_minmax(0,1fr)] md:gap-12">
      <div>
        <AccountNav />
      </div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
