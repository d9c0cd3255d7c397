import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className'> {
  variant?: 'primary' | 'secondary' | 'warning' | 'quiet';
  /** While true the button says what is happening and ignores further presses. */
  busy?: boolean;
  busyLabel?: string;
  children: ReactNode;
}

export function Button({ variant = 'primary', busy = false, busyLabel = 'Please wait…', type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} className={`button button--${variant}`} aria-disabled={busy || undefined} data-busy={busy || undefined}>
      {busy ? busyLabel : children}
    </button>
  );
}

/** Looks like a link, acts as a button: for actions inside tables ("Disable", "Reset password"). */
export function LinkButton({ children, ...rest }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'type'> & { children: ReactNode }) {
  return (
    <button {...rest} type="button" className="link-button">
      {children}
    </button>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="button-group">{children}</div>;
}
