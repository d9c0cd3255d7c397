// The box at the top of a form that lists what needs fixing, each linked to its field. It takes focus after a
// failed submit so keyboard and screen-reader users land on it (the GOV.UK pattern).
import { useEffect, useRef, type MouseEvent } from 'react';
import type { AppError } from '../../../shared/api';
import { formatDate, formatTime, londonIsoDate } from '../../../shared/calendar';
import type { FieldMessages } from './useForm';

interface ErrorSummaryProps {
  errors: FieldMessages;
  formError: AppError | null;
  /** Field paths in the order they appear on the page; listed first, in this order. */
  order: readonly string[];
  idFor: (path: string) => string;
  failedSubmits: number;
  title?: string;
}

/** "Try again at 14:32" (or with the date, if not today), from a `rate_limited` error's retryAt. */
export function retryMessage(error: AppError): string | null {
  if (error.code !== 'rate_limited' || !error.retryAt) return null;
  const at = new Date(error.retryAt);
  if (Number.isNaN(at.getTime())) return null;
  const sameDay = londonIsoDate(at) === londonIsoDate(new Date());
  return sameDay ? `You can try again at ${formatTime(at)}.` : `You can try again at ${formatTime(at)} on ${formatDate(at)}.`;
}

export function ErrorSummary({ errors, formError, order, idFor, failedSubmits, title = 'There is a problem' }: ErrorSummaryProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failedSubmits > 0) box.current?.focus();
  }, [failedSubmits]);

  const paths = [...order.filter((path) => path in errors), ...Object.keys(errors).filter((path) => !order.includes(path))];
  const fieldMessages = paths.filter((path) => errors[path] && path !== '_form').map((path) => ({ path, message: errors[path]! }));
  const formMessage = formError?.message ?? errors._form;
  const retry = formError ? retryMessage(formError) : null;
  // The server's summary ("Some answers need correcting…") adds nothing when the fields already say what.
  const showFormMessage = formMessage && !(formError?.code === 'invalid_input' && fieldMessages.length > 0);

  if (!showFormMessage && fieldMessages.length === 0) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    // Hash links would change the page's route; move focus to the field by hand instead.
    event.preventDefault();
    const field = document.getElementById(idFor(path));
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    field.focus();
  };

  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby={`${idFor('summary')}-title`}>
      <h2 className="error-summary__title" id={`${idFor('summary')}-title`}>
        {title}
      </h2>
      {showFormMessage && (
        <>
          <p className="error-summary__message">{formMessage}</p>
          {retry && <p className="error-summary__retry">{retry}</p>}
        </>
      )}
      {fieldMessages.length > 0 && (
        <ul className="error-summary__list">
          {fieldMessages.map(({ path, message }) => (
            <li key={path}>
              {order.includes(path) ? (
                <a href={`#${idFor(path)}`} onClick={(event) => focusField(event, path)}>
                  {message}
                </a>
              ) : (
                message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
