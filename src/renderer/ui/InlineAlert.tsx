import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** An error at the smallest scope that shows it: what happened and what to do, plus actions. */
export function InlineAlert({ children, actions, tone = 'danger' }: { children: ReactNode; actions?: ReactNode; tone?: 'danger' | 'warning' }) {
  return (
    <div className={`inline-alert inline-alert--${tone}`} role="alert">
      <Icon name="alert" size={14} />
      <span className="inline-alert__text">{children}</span>
      {actions && <span className="inline-alert__actions">{actions}</span>}
    </div>
  );
}
