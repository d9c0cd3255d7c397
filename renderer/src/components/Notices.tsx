// Messages that are announced: a status (polite: "Account created") or an alert (assertive: "Could not save").
// Each carries a word as well as a colour, so meaning never depends on colour alone.
import type { ReactNode } from 'react';

export function StatusMessage({ children, title = 'Done' }: { children: ReactNode; title?: string }) {
  return (
    <div className="notice notice--success" role="status">
      <p className="notice__title">{title}</p>
      <div className="notice__body">{children}</div>
    </div>
  );
}

export function AlertMessage({ children, title = 'Something went wrong' }: { children: ReactNode; title?: string }) {
  return (
    <div className="notice notice--alert" role="alert">
      <p className="notice__title">{title}</p>
      <div className="notice__body">{children}</div>
    </div>
  );
}

/** Important information that is not an error: what happens if the recovery key is lost. */
export function Warning({ children }: { children: ReactNode }) {
  return (
    <div className="warning">
      <span className="warning__icon" aria-hidden="true">
        !
      </span>
      <div className="warning__text">
        <span className="visually-hidden">Warning: </span>
        {children}
      </div>
    </div>
  );
}
