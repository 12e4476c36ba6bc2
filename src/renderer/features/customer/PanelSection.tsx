/** A collapsible block of the context panel: the header is a button that opens and closes it. */
import { useId, type ReactNode } from 'react';

export function Chevron({ open }: { open: boolean }) {
  return (
    <svg className={`chevron${open ? ' chevron--open' : ''}`} width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <polyline points="9 6 15 12 9 18" />
    </svg>
  );
}

export function PanelSection({
  title,
  open,
  onToggle,
  aside,
  children,
  id,
}: {
  title: string;
  open: boolean;
  onToggle(open: boolean): void;
  aside?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  const auto = useId();
  const bodyId = `${id ?? auto}-body`;
  return (
    <section className={`panel-section panel-section--collapsible${open ? '' : ' is-collapsed'}`} aria-label={title} data-section={id}>
      <h3 className="panel-section__heading">
        <button type="button" className="panel-section__toggle" aria-expanded={open} aria-controls={open ? bodyId : undefined} onClick={() => onToggle(!open)}>
          <Chevron open={open} />
          <span className="panel-section__title">{title}</span>
          {aside !== undefined && <span className="panel-section__aside">{aside}</span>}
        </button>
      </h3>
      {open && (
        <div className="panel-section__body" id={bodyId}>
          {children}
        </div>
      )}
    </section>
  );
}
