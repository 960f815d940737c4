import Link from 'next/link';
import type { ReactNode } from 'react';

export type CardProps = {
  title: string;
  href: string;
  headingLevel?: 2 | 3;
  /** Details under the text (category tag, who it is for). */
  meta?: ReactNode;
  children?: ReactNode;
  /** Actions at the bottom of the card ("Commencer"). */
  footer?: ReactNode;
};

/** A bordered card whose title is a link; used for lists of procedures and requests. */
export function Card({ title, href, headingLevel = 2, meta, children, footer }: CardProps) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <article className="flex h-full flex-col border border-line border-b-4 border-b-primary bg-white p-5 sm:p-6">
      <Heading className="text-xl font-bold leading-snug">
        <Link href={href}>{title}</Link>
      </Heading>
      <div className="mt-3 flex-1 text-ink-muted">{children}</div>
      {meta ? <div className="mt-4 text-sm">{meta}</div> : null}
      {footer ? <div className="mt-5">{footer}</div> : null}
    </article>
  );
}
