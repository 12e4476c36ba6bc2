import type { ReactNode } from 'react';

/** A titled block of the context panel. */
export function Section({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel-section" aria-label={title}>
      <header className="panel-section__header">
        <h3 className="panel-section__title">{title}</h3>
        {aside && <span className="panel-section__aside">{aside}</span>}
      </header>
      {children}
    </section>
  );
}
