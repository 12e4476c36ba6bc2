import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Icon, type IconName } from './Icon';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'note';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  dense?: boolean;
  icon?: IconName;
  children?: ReactNode;
  /** React 19 passes `ref` as a prop; it reaches the <button>. */
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'secondary', dense = false, icon, children, className, type = 'button', ...rest }: ButtonProps) {
  const classes = ['btn', `btn--${variant}`, dense ? 'btn--dense' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} {...rest}>
      {icon && <Icon name={icon} size={dense ? 14 : 16} />}
      {children}
    </button>
  );
}
