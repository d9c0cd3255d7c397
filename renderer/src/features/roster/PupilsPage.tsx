// Pupils (admin and DSL): find a pupil, correct or add one by hand, and import the roster from the MIS.
import { useState, type FormEvent } from 'react';
import { mayOpenChildFile, type AppError, type PupilSummary } from '../../../../shared/api';
import { formatIsoDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import { Button, CheckboxField, LinkButton, PageHeading, StatusMessage } from '../../components';
import { PupilForm } from './PupilForm';
import { RosterImport } from './RosterImport';
import { plural, pupilName } from './rosterWording';
import './roster.css';

function PupilSearch({ onCorrect }: { onCorrect: (pupil: PupilSummary) => void }) {
  // A DSL can go straight to a child's file from here; an administrator, who may not read it, sees the name only.
  const role = useApp().status.user?.role;
  const linksToFile = role !== undefined && mayOpenChildFile(role);
  const [query, setQuery] = useState('');
  const [includeLeavers, setIncludeLeavers] = useState(false);
  const [results, setResults] = useState<{ query: string; pupils: PupilSummary[] } | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') {
      setProblem({ code: 'invalid_input', message: 'Type part of a name, a UPN or a class' });
      return;
    }
    setBusy(true);
    const result = await invoke('pupils.search', { query, includeLeavers, limit: 50 });
    setBusy(false);
    if (result.ok) {
      setResults({ query: query.trim(), pupils: result.value });
      setProblem(null);
    } else setProblem(result.error);
  };

  return (
    <>
      <form noValidate role="search" aria-label="Pupils" onSubmit={(event) => void search(event)} className="pupil-search">
        <div className={problem ? 'field field--error' : 'field'}>
          <label className="field__label" htmlFor="pupil-search-query">
            Name, UPN or registration group
          </label>
          <div className="field__hint" id="pupil-search-hint">
            Part of a name is enough, for example “jack” or “7C”.
          </div>
          {problem && (
            <p className="field__error" id="pupil-search-error">
              <span className="visually-hidden">Error: </span>
              {problem.message}
            </p>
          )}
          <div className="pupil-search__row">
            <input
              id="pupil-search-query"
              type="search"
              className="input input--medium"
              value={query}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={problem ? 'pupil-search-hint pupil-search-error' : 'pupil-search-hint'}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => setQuery(event.target.value)}
            />
            <Button type="submit" busy={busy} busyLabel="Searching…">
              Search
            </Button>
          </div>
        </div>
        <CheckboxField id="pupil-search-leavers" label="Include pupils who have left" checked={includeLeavers} onChange={setIncludeLeavers} />
      </form>
      <p className="visually-hidden" role="status">
        {results ? `${plural(results.pupils.length, 'pupil', 'pupils')} found` : ''}
      </p>
      {results &&
        (results.pupils.length === 0 ? (
          <p>No pupil matches “{results.query}”.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="roster-table__caption">
                {plural(results.pupils.length, 'pupil matches', 'pupils match')} “{results.query}”{results.pupils.length === 50 ? ' (the first 50: type more to narrow it down)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Year</th>
                  <th scope="col">Registration group</th>
                  <th scope="col">On roll</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.pupils.map((pupil) => (
                  <tr key={pupil.id}>
                    <td>{linksToFile ? <a href={hrefFor('child', { pupilId: pupil.id })}>{pupilName(pupil)}</a> : pupilName(pupil)}</td>
                    <td>{pupil.yearGroup ?? '—'}</td>
                    <td>{pupil.registrationGroup ?? '—'}</td>
                    <td>{pupil.leftOn ? `Left on ${formatIsoDate(pupil.leftOn)}` : 'Yes'}</td>
                    <td>
                      <LinkButton onClick={() => onCorrect(pupil)}>
                        Correct<span className="visually-hidden"> {pupilName(pupil)}’s details</span>
                      </LinkButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'correct'; pupil: PupilSummary };

export function PupilsPage() {
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [saved, setSaved] = useState<string | null>(null);

  if (editing.kind !== 'none') {
    const pupil = editing.kind === 'correct' ? editing.pupil : null;
    return (
      <section className="page">
        <PageHeading caption="Pupils">{pupil ? `Correct ${pupilName(pupil)}’s details` : 'Add a pupil'}</PageHeading>
        <PupilForm
          pupil={pupil}
          onCancel={() => setEditing({ kind: 'none' })}
          onSaved={(result) => {
            setSaved(pupil ? `${pupilName(result)}’s details are corrected.` : `${pupilName(result)} is added to the roster.`);
            setEditing({ kind: 'none' });
          }}
        />
      </section>
    );
  }

  return (
    <section className="page">
      <PageHeading>Pupils</PageHeading>
      {saved && <StatusMessage title="Saved">{saved}</StatusMessage>}
      <p className="lead">The roster comes from your MIS. Import it at the start of each term and whenever pupils join or leave; nobody is ever deleted.</p>

      <h2 className="section-title">Find a pupil</h2>
      <PupilSearch onCorrect={(pupil) => setEditing({ kind: 'correct', pupil })} />

      <h2 className="section-title">Add a pupil by hand</h2>
      <p>For a pupil who has joined since the last import. The next import from the MIS updates them by their UPN.</p>
      <Button variant="secondary" onClick={() => setEditing({ kind: 'add' })}>
        Add a pupil
      </Button>

      <h2 className="section-title">Import the roster from the MIS</h2>
      <RosterImportSection />
    </section>
  );
}

function RosterImportSection() {
  return (
    <div className="panel roster-import">
      <RosterImport />
    </div>
  );
}
