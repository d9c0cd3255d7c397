// Labelled fields: the hint and the error message are tied to the control with aria-describedby, the error is
// marked in words ("Error:") and with a thick border, never by colour alone.
import type { ReactNode } from 'react';

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <FieldError id={id} message={error} />
      {children(describedBy(id, hint, error))}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'number';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  width?: 'short' | 'medium' | 'full';
  spellCheck?: boolean;
  autoFocus?: boolean;
  multiline?: boolean;
}

export function TextField({ id, label, hint, error, value, onChange, type = 'text', autoComplete, inputMode, width = 'full', spellCheck, autoFocus, multiline }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(described) =>
        multiline ? (
          <textarea
            id={id}
            name={id}
            className={`input input--${width}`}
            value={value}
            rows={4}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            spellCheck={spellCheck}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            id={id}
            name={id}
            className={`input input--${width}`}
            type={type}
            value={value}
            autoComplete={autoComplete ?? 'off'}
            inputMode={inputMode}
            spellCheck={spellCheck ?? (type === 'password' ? false : undefined)}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            // Focus on arrival is used only where there is one obvious thing to do (unlocking).
            autoFocus={autoFocus}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </FieldShell>
  );
}

interface SelectFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** Shown first with an empty value, so nothing is chosen by accident. */
  placeholder?: string;
}

export function SelectField({ id, label, hint, error, value, onChange, options, placeholder }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <select
          id={id}
          name={id}
          className="input input--medium select"
          value={value}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ id, label, hint, error, checked, onChange }: CheckboxFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <FieldError id={id} message={error} />
      <div className="checkbox">
        <input
          id={id}
          name={id}
          type="checkbox"
          className="checkbox__input"
          checked={checked}
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <div className="choice__text">
          <label className="checkbox__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div className="field__hint choice__hint" id={`${id}-hint`}>
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

interface RadioGroupProps {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string; hint?: string }[];
}

export function RadioGroup({ id, legend, hint, error, value, onChange, options }: RadioGroupProps) {
  return (
    <fieldset className={error ? 'field field--error fieldset' : 'field fieldset'} aria-describedby={describedBy(id, hint, error)}>
      <legend className="field__label">{legend}</legend>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <FieldError id={id} message={error} />
      {options.map((option, index) => {
        // The first radio carries the group's id, so the error summary's link lands on the group.
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div className="radio" key={option.value}>
            <input
              id={optionId}
              name={id}
              type="radio"
              className="radio__input"
              value={option.value}
              checked={value === option.value}
              aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
              onChange={() => onChange(option.value)}
            />
            <div className="choice__text">
              <label className="radio__label" htmlFor={optionId}>
                {option.label}
              </label>
              {option.hint && (
                <div className="field__hint choice__hint" id={`${optionId}-item-hint`}>
                  {option.hint}
                </div>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Fieldset({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="fieldset fieldset--section">
      <legend className="fieldset__legend">{legend}</legend>
      {children}
    </fieldset>
  );
}
