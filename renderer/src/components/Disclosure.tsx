// A section most people skip, behind a button that says what is inside and how much of it is filled in. Closed, its
// content stays in the page (hidden), so nothing typed there is lost and a form can still read and check it; the
// page opens it when something inside needs attention (an error), because a message no one can see helps no one.
import { useId, type ReactNode } from 'react';

interface DisclosureProps {
  title: string;
  /** What is inside so far, e.g. "2 marks": shown on the button so a closed section still tells its state. */
  summary?: string | undefined;
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ReactNode;
}

export function Disclosure({ title, summary, open, onToggle, children }: DisclosureProps) {
  const contentId = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-content`;
  return (
    <div className={open ? 'disclosure disclosure--open' : 'disclosure'}>
      <button type="button" className="disclosure__button" aria-expanded={open} aria-controls={contentId} onClick={() => onToggle(!open)}>
        <span className="disclosure__title">{title}</span>
        {summary && <span className="disclosure__summary">{summary}</span>}
      </button>
      <div className="disclosure__content" id={contentId} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
