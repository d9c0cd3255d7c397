// Settings → the school's local-authority pack: choose it (and the council or district in a partnership pack),
// see where each pack comes from, and import a pack file written for another area.
import { useId, useState, type FormEvent } from 'react';
import type { AppError, PackSummary } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, Button, FieldError, SelectField, StatusMessage } from '../../components';
import { usePack, usePackList, type PackChoice } from './packData';
import { describePublished } from './packWording';
import { ProvenanceBanner } from './ProvenanceBanner';
import './packs.css';

const areaKindLabels: Record<string, string> = { council: 'council', district: 'district', locality: 'locality' };

function areaOptions(pack: PackSummary) {
  return pack.areas.map((area) => ({ value: area.id, label: `${area.name} (${areaKindLabels[area.kind] ?? area.kind})` }));
}

function ChoosePackForm({ packs, chosen, onChosen }: { packs: PackSummary[]; chosen: PackChoice; onChosen: (choice: PackChoice) => void }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [packId, setPackId] = useState(chosen.packId ?? '');
  const [areaId, setAreaId] = useState(chosen.areaId ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const selected = packs.find((pack) => pack.id === packId) ?? null;
  const { pack: selectedPack } = usePack(packId || null);

  const pick = (next: string) => {
    setPackId(next);
    setAreaId(next === chosen.packId ? (chosen.areaId ?? '') : '');
    setMissing(false);
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    if (!packId) {
      setMissing(true);
      return;
    }
    setBusy(true);
    const result = await invoke('packs.choose', { packId, areaId: areaId || null });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    const area = selected?.areas.find((candidate) => candidate.id === result.value.areaId);
    setSaved(`${selected?.title ?? 'The pack'}${area ? `, ${area.name}` : ''}`);
    onChosen(result.value);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="pack-settings__subheading">
        Choose the school’s pack
      </h3>
      {saved && <StatusMessage title="Pack chosen">Staff now see the thresholds and contacts of {saved}.</StatusMessage>}
      {error && (
        <AlertMessage title="The pack could not be chosen">
          <p>{error.message}</p>
        </AlertMessage>
      )}
      <fieldset className={missing ? 'field field--error fieldset' : 'field fieldset'} aria-describedby={`${id}-hint${missing ? ` ${id}-pack-error` : ''}`}>
        <legend className="field__label">Local-authority pack</legend>
        <div className="field__hint" id={`${id}-hint`}>
          The council’s published thresholds, routes and contacts. Every pack is transcribed from a published document, which may since have changed.
        </div>
        <FieldError id={`${id}-pack`} message={missing ? 'Choose a pack' : undefined} />
        {packs.map((pack, index) => {
          const optionId = index === 0 ? `${id}-pack` : `${id}-pack-${pack.id}`;
          return (
            <div className="radio" key={pack.id}>
              <input
                id={optionId}
                name={`${id}-pack`}
                type="radio"
                className="radio__input"
                value={pack.id}
                checked={packId === pack.id}
                aria-describedby={`${optionId}-about`}
                onChange={() => pick(pack.id)}
              />
              <div className="choice__text">
                <label className="radio__label" htmlFor={optionId}>
                  {pack.title}
                  {chosen.packId === pack.id && <span className="pack-settings__current"> (the school’s pack now)</span>}
                </label>
                <div className="field__hint choice__hint" id={`${optionId}-about`}>
                  Published {describePublished(pack.publishedOn)} by {pack.publisher}. {pack.levelCount} levels, {pack.indicatorCount} indicators.{' '}
                  {pack.origin === 'imported' ? `Imported from ${pack.fileName}.` : 'Shipped with the app.'}{' '}
                  <strong className="pack-settings__status">{pack.status === 'historical — verify before use' ? 'Historical — verify before use.' : pack.status}</strong>
                </div>
              </div>
            </div>
          );
        })}
      </fieldset>
      {selected && selected.areas.length > 1 && (
        <SelectField
          id={`${id}-area`}
          label="Council or district"
          hint="This pack covers more than one area. Choose yours so that staff see your own front door and local teams; leave it unchosen to see them all."
          value={areaId}
          onChange={setAreaId}
          placeholder="Every area in the pack"
          options={areaOptions(selected)}
        />
      )}
      {selectedPack && <ProvenanceBanner title={selectedPack.title} provenance={selectedPack.provenance} headingLevel={3} />}
      <Button type="submit" busy={busy} busyLabel="Saving…">
        Use this pack
      </Button>
    </form>
  );
}

/** Turns a refused pack's `pack:`-prefixed field errors into a list of JSON paths and what is wrong there. */
function packProblems(error: AppError): { path: string; message: string }[] {
  return Object.entries(error.fields ?? {})
    .filter(([key]) => key.startsWith('pack:'))
    .flatMap(([key, messages]) => messages.map((message) => ({ path: key.slice('pack:'.length) || '(the whole file)', message })));
}

function ImportPackForm({ onImported }: { onImported: () => void }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [imported, setImported] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setImported(null);
    if (!file) {
      setMissing(true);
      return;
    }
    setBusy(true);
    const text = await file.text();
    const result = await invoke('packs.import', { fileName: file.name, text });
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    setRefusal(null);
    setImported(result.value.id);
    onImported();
  };

  const problems = refusal ? packProblems(refusal) : [];

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="pack-settings__subheading">
        Import a pack file
      </h3>
      <p className="fieldset__intro">
        For an area the app does not ship with. The file is checked against the pack format (published in the app’s documentation) before anything is saved.
        Importing a file with the same id as an imported pack replaces it.
      </p>
      {imported && (
        <StatusMessage title="Pack imported">
          The pack “{imported}” is installed. Choose it above to use it.
        </StatusMessage>
      )}
      {refusal && (
        <div className="notice notice--alert pack-refusal" role="alert">
          <p className="notice__title">The pack was refused</p>
          <div className="notice__body">
            <p>{problems.length > 0 ? `${refusal.message} Fix ${problems.length === 1 ? 'this problem' : `these ${problems.length} problems`} in the file and import it again:` : refusal.message}</p>
            {problems.length > 0 && (
              <ul className="pack-refusal__list">
                {problems.map((problem) => (
                  <li key={`${problem.path}:${problem.message}`}>
                    <code className="pack-refusal__path">{problem.path}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <div className={missing ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor={`${id}-file`}>
          Pack file
        </label>
        <div className="field__hint" id={`${id}-file-hint`}>
          A JSON file, 5 MB or smaller.
        </div>
        <FieldError id={`${id}-file`} message={missing ? 'Choose a pack file' : undefined} />
        <input
          id={`${id}-file`}
          name="packFile"
          type="file"
          className="file-input"
          accept=".json,application/json"
          aria-describedby={`${id}-file-hint${missing ? ` ${id}-file-error` : ''}`}
          aria-invalid={missing || undefined}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setMissing(false);
          }}
        />
      </div>
      <Button type="submit" variant="secondary" busy={busy} busyLabel="Checking the pack…">
        Import the pack
      </Button>
    </form>
  );
}

/** The school's pack, for the Settings page (admin and DSL). */
export function PackSettings() {
  const { packs, chosen, problem, reload } = usePackList();
  if (problem && !packs) {
    return (
      <AlertMessage title="The packs could not be loaded">
        <p>{problem.message}</p>
      </AlertMessage>
    );
  }
  if (!packs) return <p className="loading">Loading the packs…</p>;
  return (
    <div className="pack-settings">
      {/* A newly imported pack starts the choice again from what is stored. */}
      <ChoosePackForm key={packs.length} packs={packs} chosen={chosen} onChosen={() => void reload()} />
      <ImportPackForm onImported={() => void reload()} />
    </div>
  );
}
