// The page's one h1. It takes focus when the page appears, so a screen reader announces where the person has
// arrived and the next Tab starts from the top of the new content.
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ children, caption, focus = true }: { children: ReactNode; caption?: ReactNode; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus({ preventScroll: false });
  }, [focus]);
  return (
    <div className="page-heading">
      {caption && <p className="page-heading__caption">{caption}</p>}
      <h1 className="page-heading__title" ref={heading} tabIndex={-1}>
        {children}
      </h1>
    </div>
  );
}
