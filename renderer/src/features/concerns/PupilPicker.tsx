// Finding the children a concern is about: a search box with a list of matches (the ARIA combobox pattern — arrow
// keys move through the list, Enter adds, Escape closes), then each chosen child with their part in it. A child
// named in a concern is never labelled a victim or an instigator: the DSL decides that later.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { mayAddSiblings, pupilPartLabels, pupilParts, type PupilPart, type Role } from '../../../../shared/api';
import { invoke } from '../../api';
import { FieldError, LinkButton } from '../../components';
import { pupilDetails, pupilName, type ChosenPupil, type PickedPupil } from './concernForm';

interface PupilPickerProps {
  id: string;
  chosen: ChosenPupil[];
  onChange: (chosen: ChosenPupil[]) => void;
  error: string | undefined;
  /** Whoever is logging: a DSL may add a child's brothers and sisters, so their search brings the household. */
  role: Role;
  /** Told when the search answers that the records are locked: the roster is inside them, so the form offers words instead. */
  onRecordsLocked?: () => void;
  hint?: string;
}

const SEARCH_DELAY_MS = 250;

/** Everyone gets name, year and class; a DSL searches the roster itself, with households and leavers' dates. */
const findPupils = (role: Role, query: string) =>
  mayAddSiblings(role) ? invoke('pupils.search', { query, includeLeavers: false, limit: 12 }) : invoke('pupils.pick', { query, limit: 12 });

export function PupilPicker({ id, chosen, onChange, error, role, onRecordsLocked, hint }: PupilPickerProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PickedPupil[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [searchProblem, setSearchProblem] = useState<string | null>(null);
  const latest = useRef(0);
  // Kept in a ref so that a new callback from the form's every render does not start the search again.
  const recordsLocked = useRef(onRecordsLocked);
  useEffect(() => {
    recordsLocked.current = onRecordsLocked;
  });
  const listId = `${id}-results`;
  const chosenIds = new Set(chosen.map((item) => item.pupil.id));
  const offered = results.filter((pupil) => !chosenIds.has(pupil.id));

  useEffect(() => {
    const text = query.trim();
    const request = ++latest.current;
    if (text === '') return;
    const timer = window.setTimeout(() => {
      setSearching(true);
      void findPupils(role, text).then((result) => {
        if (request !== latest.current) return;
        setSearching(false);
        if (!result.ok) {
          setSearchProblem(result.error.message);
          setResults([]);
          if (result.error.code === 'locked') recordsLocked.current?.();
          return;
        }
        setSearchProblem(null);
        setResults(result.value);
        setOpen(true);
        setActive(-1);
        setAnnouncement(result.value.length === 0 ? `No pupils found for “${text}”` : `${result.value.length} ${result.value.length === 1 ? 'pupil' : 'pupils'} found. Use the down arrow to choose.`);
      });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [query, role]);

  const add = (pupil: PickedPupil) => {
    const part: PupilPart = chosen.length === 0 ? 'subject' : 'involved';
    onChange([...chosen, { pupil, part }]);
    setAnnouncement(`${pupilName(pupil)} added.`);
    setQuery('');
    setResults([]);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open && offered.length > 0) setOpen(true);
      setActive((index) => Math.min(index + 1, offered.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      // Enter never submits the whole form from the search box.
      event.preventDefault();
      const pupil = offered[active] ?? (offered.length === 1 ? offered[0] : undefined);
      if (open && pupil) add(pupil);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  const setPart = (pupilId: string, part: PupilPart) => onChange(chosen.map((item) => (item.pupil.id === pupilId ? { ...item, part } : item)));
  const remove = (pupil: PickedPupil) => {
    onChange(chosen.filter((item) => item.pupil.id !== pupil.id));
    setAnnouncement(`${pupilName(pupil)} removed.`);
  };

  const addSiblings = async (pupil: PickedPupil) => {
    const result = await invoke('pupils.siblings', { pupilId: pupil.id });
    if (!result.ok) {
      setAnnouncement(result.error.message);
      return;
    }
    const fresh = result.value.filter((sibling) => !chosenIds.has(sibling.id));
    if (fresh.length === 0) {
      setAnnouncement(result.value.length === 0 ? `No brothers or sisters of ${pupilName(pupil)} are on the school’s roster.` : 'Their brothers and sisters are already on this concern.');
      return;
    }
    onChange([...chosen, ...fresh.map((sibling) => ({ pupil: sibling, part: 'involved' as const }))]);
    setAnnouncement(`Added ${fresh.map(pupilName).join(', ')}. Remove anyone who is not part of this.`);
  };

  const expanded = open && query.trim() !== '' && (offered.length > 0 || results.length === 0);

  return (
    <div className={error ? 'field field--error pupil-picker' : 'field pupil-picker'}>
      <label className="field__label" htmlFor={id}>
        Find a pupil
      </label>
      <div className="field__hint" id={`${id}-hint`}>
        {hint ?? 'Type part of their name, class or UPN and choose from the list. Add everyone the concern is about or involves.'}
      </div>
      <FieldError id={id} message={error} />
      <div className="combobox">
        <input
          id={id}
          className="input input--medium"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 && offered[active] ? `${listId}-${offered[active].id}` : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (event.target.value.trim() === '') {
              setResults([]);
              setOpen(false);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => window.setTimeout(() => setOpen(false), 200)}
          onFocus={() => results.length > 0 && setOpen(true)}
        />
        <ul id={listId} role="listbox" aria-label="Pupils found" className="combobox__list" hidden={!expanded}>
          {offered.map((pupil, index) => (
            <li
              key={pupil.id}
              id={`${listId}-${pupil.id}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
              // mousedown, not click: the search box would lose focus and close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                add(pupil);
              }}
            >
              <span className="combobox__name">{pupilName(pupil)}</span>
              {pupil.preferredName && pupil.preferredName !== pupil.legalFirstName && <span className="combobox__detail"> (legal name {pupil.legalFirstName})</span>}
              <span className="combobox__detail"> {pupilDetails(pupil)}</span>
            </li>
          ))}
          {results.length === 0 && !searching && (
            <li role="option" aria-selected={false} aria-disabled="true" className="combobox__empty">
              No pupils found. Check the spelling, or try their class.
            </li>
          )}
        </ul>
      </div>
      {searchProblem && <p className="field__error">{searchProblem}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      {chosen.length > 0 && (
        <ul className="chosen-pupils" aria-label="Pupils on this concern">
          {chosen.map((item) => {
            const name = pupilName(item.pupil);
            const groupId = `${id}-part-${item.pupil.id}`;
            return (
              <li key={item.pupil.id} className="chosen-pupil">
                <div className="chosen-pupil__head">
                  <p className="chosen-pupil__name">
                    {name} <span className="muted">{pupilDetails(item.pupil)}</span>
                  </p>
                  <div className="chosen-pupil__actions">
                    {mayAddSiblings(role) && item.pupil.householdId && <LinkButton onClick={() => void addSiblings(item.pupil)}>{`Add ${name}’s siblings`}</LinkButton>}
                    <LinkButton onClick={() => remove(item.pupil)} aria-label={`Remove ${name}`}>
                      Remove
                    </LinkButton>
                  </div>
                </div>
                <fieldset className="fieldset chosen-pupil__parts">
                  <legend className="chosen-pupil__legend">{`${name}’s part in this`}</legend>
                  {pupilParts.map((part) => (
                    <div className="radio radio--small" key={part}>
                      <input
                        id={`${groupId}-${part}`}
                        type="radio"
                        className="radio__input"
                        name={groupId}
                        value={part}
                        checked={item.part === part}
                        onChange={() => setPart(item.pupil.id, part)}
                      />
                      <label className="radio__label" htmlFor={`${groupId}-${part}`}>
                        {pupilPartLabels[part]}
                      </label>
                    </div>
                  ))}
                </fieldset>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
