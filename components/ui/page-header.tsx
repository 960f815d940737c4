import type { ReactNode } from 'react';

export type PageHeaderProps = { title: ReactNode; lead?: ReactNode; children?: ReactNode };

/** The page's single h1, an optional lead paragraph and optional extra content (tags, actions). */
export function PageHeader({ title, lead, children }: PageHeaderProps) {
  return (
    <div className="mb-8 max-w-3xl">
      <h1 className="text-3xl font-bold leading-tight sm:text-4xl">{title}</h1>
      {lead ? <p className="mt-4 text-lg text-ink-muted sm:text-xl">{lead}</p> : null}
      {children ? <div className="mt-4">{children}</div> : null}
    </div>
  );
}
