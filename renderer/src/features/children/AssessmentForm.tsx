// Threshold assessment: tick the indicators from the school's pack that fit this child (with what was seen or said),
// watch the suggested level update, then record the DSL's own judgement and reasons. The suggestion never decides.
import { useEffect, useMemo, useState } from 'react';
import { commands, type AppError } from '../../../../shared/api';
import { bandLabels, createIndicatorSearch, productSource, type LevelSuggestion, type ResolvedPack } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { AlertMessage, FieldError, SelectField, TextField, checkWith, useForm } from '../../components';
import { CaseForm } from './caseworkForm';
import { intervalDays } from './recordForms';

const kindLabels: Record<string, string> = { strength: 'Strength', protective_factor: 'Protective factor', need: 'Need', risk: 'Risk', red_flag: 'Red flag — act now', status: 'Status' };

function Suggestion({ suggestion, pack }: { suggestion: LevelSuggestion; pack: ResolvedPack }) {
  const redFlags = suggestion.drivers.filter((driver) => driver.kind === 'red_flag');
  const days = intervalDays(suggestion.reviewInterval);
  return (
    <section className={suggestion.immediateAction ? 'assessment-suggestion assessment-suggestion--act-now' : 'assessment-suggestion'} aria-labelledby="suggestion-title" aria-live="polite">
      <h2 className="section-title" id="suggestion-title">
        Suggested level: {suggestion.level.code} {suggestion.level.label}
      </h2>
      {suggestion.immediateAction && (
        <p className="assessment-suggestion__act-now">
          <strong>Act now.</strong> A red flag is ticked: follow the immediate-action route{suggestion.pathway ? ` (${suggestion.pathway.title})` : ''}, whatever else is counted. If a child is in immediate danger, call 999.
        </p>
      )}
      <p>Band on the shared scale: {bandLabels[suggestion.band]}.</p>
      {redFlags.length > 0 && (
        <>
          <h3>Red flags</h3>
          <ul>
            {redFlags.map((flag) => (
              <li key={flag.indicatorId}>{flag.text}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Why</h3>
      <ul>
        {suggestion.explanation.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
      {suggestion.strengths.length > 0 && <p>Working well: {suggestion.strengths.map((strength) => strength.text).join('; ')}.</p>}
      {suggestion.pathway && (
        <>
          <h3>Route: {suggestion.pathway.title}</h3>
          <ol>
            {suggestion.pathway.steps.map((step) => (
              <li key={step.order}>
                {step.source === productSource && <strong>Our guidance, not the council’s: </strong>}
                {step.action}
                {step.who ? ` (${step.who})` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {suggestion.reviewInterval && (
        <p>
          Review every {suggestion.reviewInterval.amount}
          {suggestion.reviewInterval.upTo ? `–${suggestion.reviewInterval.upTo}` : ''} {suggestion.reviewInterval.unit.replace('_', ' ')}
          {days ? ` (about ${days} days)` : ''}.
        </p>
      )}
      {suggestion.contacts.length > 0 && (
        <>
          <h3>Contacts</h3>
          <ul>
            {suggestion.contacts.map((contact) => (
              <li key={contact.id}>
                {contact.name}
                {contact.phone ? `: ${contact.phone}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestion.ignoredForAge.length > 0 && <p>Not counted at this child’s age: {suggestion.ignoredForAge.map((item) => item.text).join('; ')}.</p>}
      <p className="assessment-suggestion__disclaimer">{suggestion.disclaimer}</p>
      <p className="muted">
        From {pack.title} ({pack.provenance.status}).
      </p>
    </section>
  );
}

export function AssessmentForm({ pupilId, childName, pack, onCancel, onSaved }: { pupilId: string; childName: string; pack: ResolvedPack; onCancel: () => void; onSaved: (message: string, levelId: string | null) => void }) {
  const [search, setSearch] = useState('');
  const [ticked, setTicked] = useState<Record<string, string>>({});
  const [suggestion, setSuggestion] = useState<LevelSuggestion | null>(null);
  const [suggestProblem, setSuggestProblem] = useState<AppError | null>(null);
  const form = useForm({ judgedLevel: '', reasons: '' });
  const tickedKey = JSON.stringify(ticked);

  // The suggestion follows every tick, a moment after the last one. With nothing ticked there is nothing to
  // suggest from: showing the lowest level then would read as the app judging the child's needs low.
  useEffect(() => {
    let current = true;
    const list = Object.entries(JSON.parse(tickedKey) as Record<string, string>).map(([indicatorId, observation]) => ({ indicatorId, ...(observation.trim() ? { observation } : {}) }));
    if (list.length === 0) return;
    const timer = setTimeout(() => {
      void invoke('packs.suggest', { pupilId, packId: pack.id, ticked: list }).then((result) => {
        if (!current) return;
        if (result.ok) {
          setSuggestion(result.value);
          setSuggestProblem(null);
        } else setSuggestProblem(result.error);
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [tickedKey, pupilId, pack.id]);

  const indicatorSearch = useMemo(() => createIndicatorSearch(pack.indicators), [pack]);
  const groups = useMemo(() => {
    const matching = indicatorSearch.matchingIds(search);
    const domainLabel = new Map(pack.domains.map((domain) => [domain.id, domain.label]));
    return [...pack.levels]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((level) => {
        const indicators = pack.indicators.filter((indicator) => indicator.levelId === level.id && (matching === null || matching.has(indicator.id)));
        const byDomain = new Map<string, typeof indicators>();
        for (const indicator of indicators) {
          const key = indicator.domainId ? (domainLabel.get(indicator.domainId) ?? indicator.domainId) : 'Other indicators';
          byDomain.set(key, [...(byDomain.get(key) ?? []), indicator]);
        }
        return { level, count: indicators.length, domains: [...byDomain.entries()] };
      })
      .filter((group) => group.count > 0);
  }, [pack, search, indicatorSearch]);

  const levelValue = (level: { code: string; label: string }) => `${level.code} ${level.label}`;
  const toggle = (id: string, on: boolean) =>
    setTicked((previous) => {
      const next = { ...previous };
      if (on) next[id] = '';
      else delete next[id];
      return next;
    });

  const submit = () =>
    void form.submit({
      check: (values) =>
        checkWith(commands['children.recordAssessment'].input, {
          pupilId,
          packId: pack.id,
          indicators: Object.entries(ticked).map(([id, observation]) => ({ id, observation })),
          judgedLevel: values.judgedLevel,
          reasons: values.reasons,
        }),
      send: (input) => invoke('children.recordAssessment', input),
      onSuccess: (value) => onSaved(`The assessment is recorded: you judged ${form.values.judgedLevel} (suggested ${value.suggestedLevel}).`, pack.levels.find((level) => levelValue(level) === form.values.judgedLevel)?.id ?? null),
    });

  const tickedCount = Object.keys(ticked).length;
  return (
    <CaseForm
      form={form}
      title="Assess thresholds"
      caption={childName}
      order={['indicators', 'judgedLevel', 'reasons']}
      submitLabel="Save the assessment"
      onSubmit={submit}
      onCancel={onCancel}
      intro={<p className="lead">Tick the indicators from {pack.title} that fit what you know about this child. The suggested level updates as you go; you decide the level and record why.</p>}
    >
      <div className="assessment">
        <div className="assessment__picker">
          <TextField id={form.idFor('search')} label="Search the indicators" hint="For example bruise, attendance, domestic abuse" value={search} onChange={setSearch} />
          <p className="muted" aria-live="polite">
            {tickedCount} {tickedCount === 1 ? 'indicator' : 'indicators'} ticked.
          </p>
          <FieldError id={form.idFor('indicators')} message={form.errors.indicators} />
          {groups.length === 0 && <p>No indicator matches “{search}”.</p>}
          {groups.map(({ level, domains }) => (
            <fieldset key={level.id} className="fieldset fieldset--section assessment__level">
              <legend className="fieldset__legend">
                Level {level.code}: {level.label}
              </legend>
              {domains.map(([domain, indicators]) => (
                <div key={domain} className="assessment__domain">
                  <h3 className="assessment__domain-title">{domain}</h3>
                  {indicators.map((indicator) => {
                    const id = form.idFor(`indicator-${indicator.id}`);
                    const on = indicator.id in ticked;
                    return (
                      <div key={indicator.id} className={indicator.kind === 'red_flag' ? 'assessment__indicator assessment__indicator--red' : 'assessment__indicator'}>
                        <div className="checkbox">
                          <input id={id} type="checkbox" className="checkbox__input" checked={on} onChange={(event) => toggle(indicator.id, event.target.checked)} aria-describedby={`${id}-kind`} />
                          <div className="choice__text">
                            <label className="checkbox__label" htmlFor={id}>
                              {indicator.text}
                            </label>
                            <div className="field__hint choice__hint" id={`${id}-kind`}>
                              {kindLabels[indicator.kind] ?? indicator.kind}
                            </div>
                          </div>
                        </div>
                        {on && (
                          <TextField
                            id={`${id}-observation`}
                            label={`What you saw or were told (optional): ${indicator.text}`}
                            value={ticked[indicator.id] ?? ''}
                            onChange={(observation) => setTicked((previous) => ({ ...previous, [indicator.id]: observation }))}
                            multiline
                          />
                        )}
                      </div>
                    );
                  })}
                </div>
              ))}
            </fieldset>
          ))}
        </div>
        {/* Scrolls on its own beside the long list of indicators, so it can be focused and scrolled from the keyboard. */}
        <div className="assessment__result" tabIndex={0} role="region" aria-label="The suggestion">
          {suggestProblem && (
            <AlertMessage title="The suggestion could not be worked out">
              <p>{suggestProblem.message}</p>
            </AlertMessage>
          )}
          {tickedCount === 0 ? (
            <p className="assessment-suggestion__empty">No level is suggested yet: tick the indicators that fit what you know about this child.</p>
          ) : suggestion ? (
            <Suggestion suggestion={suggestion} pack={pack} />
          ) : (
            <p className="loading">Working out the suggestion…</p>
          )}
        </div>
      </div>
      <section className="assessment__judgement" aria-labelledby="judgement-title">
          <h2 className="section-title" id="judgement-title">Your judgement</h2>
          <SelectField
            {...form.bind('judgedLevel')}
            label="Level of need you judge"
            hint="Your decision, which may differ from the suggestion."
            placeholder="Choose a level"
            options={[...pack.levels].sort((a, b) => a.ordinal - b.ordinal).map((level) => ({ value: levelValue(level), label: `Level ${level.code}: ${level.label}` }))}
          />
          <TextField {...form.bind('reasons')} label="Your reasons" hint="Why this level: what weighs most, what is working well, and why you agree or disagree with the suggestion." multiline />
      </section>
    </CaseForm>
  );
}
