// The thresholds explorer: the council's levels of need side by side across the domains of the Assessment
// Framework, with every indicator's source in the published document, plus the glossary, routes and the
// escalation procedure. Any signed-in member of staff may read it: it is public guidance.
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { PackSummary } from '../../../../shared/api';
import { bandLabels, createIndicatorSearch, describeAgeLimits, type Domain, type Level, type ResolvedIndicator, type ResolvedPack } from '../../../../shared/thresholds';
import { AlertMessage, PageHeading, SelectField } from '../../components';
import { usePack, usePackList } from './packData';
import { describeDuration, describeTimescale, indicatorKindLabels } from './packWording';
import { SourceLine, type CitedDocument } from './SourceLine';
import { ProvenanceBanner } from './ProvenanceBanner';
import './packs.css';

const consentLabels: Record<string, string> = {
  required: 'Consent needed first',
  seek_unless_unsafe: 'Seek consent, unless that would put the child at risk or lose evidence',
  inform_family: 'Tell the family; consent is not needed',
  inform_unless_unsafe: 'Tell the family, unless that would put the child at risk',
  not_required: 'Consent is not needed',
  not_stated: 'The guidance does not say',
};

function IndicatorItem({ indicator, document }: { indicator: ResolvedIndicator; document: CitedDocument }) {
  const redFlag = indicator.kind === 'red_flag';
  return (
    <li className={redFlag ? 'indicator indicator--red-flag' : 'indicator'}>
      {redFlag ? (
        <strong className="indicator__flag">Red flag (our guidance): act now. </strong>
      ) : (
        <span className="indicator__kind">{indicatorKindLabels[indicator.kind]}: </span>
      )}
      <span className="indicator__text">{indicator.text}</span>
      {indicator.ageLimits && <span className="indicator__age"> (only for children {describeAgeLimits(indicator.ageLimits)})</span>}
      <SourceLine source={indicator.source} document={indicator.borrowedFromDocument ?? document} />
    </li>
  );
}

interface DomainRow {
  domain: Domain | null;
  parent: Domain | undefined;
}

/** Domains in tree order (each side of the triangle followed by its dimensions); only those with indicators. */
function domainRows(pack: ResolvedPack): DomainRow[] {
  const used = new Set(pack.indicators.map((indicator) => indicator.domainId ?? null));
  const byId = new Map(pack.domains.map((domain) => [domain.id, domain]));
  const rows: DomainRow[] = [];
  const visit = (domain: Domain) => {
    if (used.has(domain.id)) rows.push({ domain, parent: domain.parentId ? byId.get(domain.parentId) : undefined });
    for (const child of pack.domains.filter((candidate) => candidate.parentId === domain.id)) visit(child);
  };
  for (const root of pack.domains.filter((domain) => !domain.parentId || !byId.has(domain.parentId))) visit(root);
  if (used.has(null)) rows.push({ domain: null, parent: undefined });
  return rows;
}

function LevelsTable({ pack, words, matching }: { pack: ResolvedPack; words: readonly string[]; matching: ReadonlySet<string> | null }) {
  const levels = [...pack.levels].sort((a, b) => a.ordinal - b.ordinal);
  const shown = matching ? pack.indicators.filter((indicator) => matching.has(indicator.id)) : pack.indicators;
  const rows = domainRows(pack).filter((row) => shown.some((indicator) => (indicator.domainId ?? null) === (row.domain?.id ?? null)));
  if (pack.indicators.length === 0) return <p>This pack has no table of indicators: the document describes its levels in words only.</p>;
  if (rows.length === 0) return <p>No indicator matches your search. Try fewer or different words.</p>;
  return (
    <div className="table-wrap thresholds-table-wrap" tabIndex={0} role="region" aria-label="Levels and domains table (scrolls sideways)">
      <table className="table thresholds-table">
        <caption className="visually-hidden">
          Indicators by domain (rows) and level (columns){words.length > 0 ? `, matching “${words.join(' ')}”` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            {levels.map((level) => (
              <th scope="col" key={level.id}>
                Level {level.code}: {level.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ domain, parent }) => {
            const inRow = shown.filter((indicator) => (indicator.domainId ?? null) === (domain?.id ?? null));
            return (
              <tr key={domain?.id ?? '(none)'}>
                <th scope="row">
                  {domain ? domain.label : 'Not grouped by domain'}
                  {parent && <span className="thresholds-table__parent">{parent.label}</span>}
                </th>
                {levels.map((level) => {
                  const inCell = inRow.filter((indicator) => indicator.levelId === level.id);
                  return (
                    <td key={level.id}>
                      {inCell.length === 0 ? (
                        <span className="muted">
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">None</span>
                        </span>
                      ) : (
                        <ul className="indicator-list">
                          {inCell.map((indicator) => (
                            <IndicatorItem key={indicator.id} indicator={indicator} document={pack.provenance} />
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LevelSummaries({ pack }: { pack: ResolvedPack }) {
  const pathwayTitle = (id: string | undefined) => pack.pathways.find((pathway) => pathway.id === id)?.title;
  return (
    <ol className="level-cards">
      {[...pack.levels]
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((level: Level) => (
          <li key={level.id} className="level-card">
            <h3 className="level-card__title">
              Level {level.code}: {level.label}
            </h3>
            <p className="level-card__band">Shared band: {level.bands.map((band) => bandLabels[band]).join(' and ')}</p>
            <p>{level.summary}</p>
            {level.subLevels && level.subLevels.length > 0 && (
              <ul className="list">
                {level.subLevels.map((sub) => (
                  <li key={sub.id}>
                    <strong>
                      {sub.code}: {sub.label}
                    </strong>
                    {sub.summary ? ` — ${sub.summary}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {level.reviewInterval && <p>Review every {describeDuration(level.reviewInterval)}.</p>}
            {pathwayTitle(level.recommendedPathwayId) && <p>Route: {pathwayTitle(level.recommendedPathwayId)}.</p>}
            <SourceLine as="p" source={level.source} document={pack.provenance} />
          </li>
        ))}
    </ol>
  );
}

function Pathways({ pack }: { pack: ResolvedPack }) {
  const levelName = (id: string) => {
    const level = pack.levels.find((candidate) => candidate.id === id);
    return level ? `level ${level.code}` : id;
  };
  const contactName = (id: string) => pack.contacts.find((contact) => contact.id === id)?.name ?? id;
  return (
    <div className="pathways">
      {pack.pathways.map((pathway) => (
        <section key={pathway.id} className="pathway" aria-labelledby={`pathway-${pathway.id}`}>
          <h3 id={`pathway-${pathway.id}`} className="pathway__title">
            {pathway.title}
            {pathway.id === pack.immediateActionPathwayId && <span className="tag pathway__tag">For red flags</span>}
          </h3>
          {pathway.servesLevelIds.length > 0 && <p className="muted">For {pathway.servesLevelIds.map(levelName).join(', ')}.</p>}
          {pathway.consent && (
            <p>
              <strong>Consent:</strong> {consentLabels[pathway.consent.rule]}
              {pathway.consent.note ? `. ${pathway.consent.note}` : ''}
            </p>
          )}
          <ol className="pathway__steps">
            {[...pathway.steps]
              .sort((a, b) => a.order - b.order)
              .map((step) => (
                <li key={step.order}>
                  {step.action}
                  {step.who && <span className="muted"> (who: {step.who})</span>}
                  {step.timescale && <strong className="pathway__timescale"> {describeTimescale(step.timescale)}.</strong>}
                  {step.phase === 'follow_up' && <span className="muted"> Follow-up.</span>}
                  {step.consent && <span> Consent: {consentLabels[step.consent.rule]}.</span>}
                  {step.contactIds && step.contactIds.length > 0 && <span> Contact: {step.contactIds.map(contactName).join(', ')}.</span>}
                  <SourceLine source={step.source} document={pack.provenance} />
                </li>
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function Rules({ pack }: { pack: ResolvedPack }) {
  if (!pack.rules?.length) return null;
  const areaName = (id: string) => pack.areas.find((area) => area.id === id)?.name ?? id;
  return (
    <>
      <h2 className="section-title">Rules</h2>
      <ul className="list">
        {pack.rules.map((rule) => (
          <li key={rule.id}>
            {rule.kind === 'accumulation' ? (
              <>
                {rule.description}
                {rule.areaIds?.length ? <span className="muted"> (only in {rule.areaIds.map(areaName).join(', ')})</span> : null}
              </>
            ) : (
              <>
                <strong>{rule.when}:</strong> {rule.then}
                {rule.timescale && <> {describeTimescale(rule.timescale)}.</>}
              </>
            )}{' '}
            <SourceLine source={rule.source} document={pack.provenance} />
          </li>
        ))}
      </ul>
    </>
  );
}

function EscalationSection({ pack }: { pack: ResolvedPack }) {
  const escalation = pack.escalation;
  if (!escalation) return null;
  return (
    <>
      <h2 className="section-title">Escalation: {escalation.title}</h2>
      <p>
        When you disagree with another agency’s decision about a child.
        {escalation.overallLimit && <> The whole procedure should take no more than {describeDuration(escalation.overallLimit)}.</>}
        {escalation.note && <> {escalation.note}</>}
      </p>
      {escalation.stages.length > 0 ? (
        <ol className="pathway__steps">
          {[...escalation.stages]
            .sort((a, b) => a.order - b.order)
            .map((stage) => (
              <li key={stage.order}>
                <strong>Stage {stage.order}:</strong> {stage.action}
                {stage.who && <span className="muted"> (who: {stage.who})</span>}
                {stage.timescale && <strong className="pathway__timescale"> {describeTimescale(stage.timescale)}.</strong>}
                <SourceLine source={stage.source} document={pack.provenance} />
              </li>
            ))}
        </ol>
      ) : (
        <p>The document links to the procedure rather than listing its stages{escalation.url ? `: ${escalation.url}` : ''}.</p>
      )}
    </>
  );
}

function Glossary({ pack, words }: { pack: ResolvedPack; words: readonly string[] }) {
  const entries = [...(pack.glossary ?? [])]
    .filter((entry) => words.length === 0 || words.every((word) => `${entry.term} ${entry.meaning}`.toLowerCase().includes(word)))
    .sort((a, b) => a.term.localeCompare(b.term, 'en-GB'));
  if (!pack.glossary?.length) return null;
  return (
    <>
      <h2 className="section-title">Glossary</h2>
      {entries.length === 0 ? (
        <p>No glossary entry matches your search.</p>
      ) : (
        <dl className="glossary">
          {entries.map((entry) => (
            <div key={entry.term} className="glossary__entry">
              <dt>{entry.term}</dt>
              <dd>{entry.meaning}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function PackExplorer({ pack }: { pack: ResolvedPack }) {
  const searchId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const words = useMemo(() => deferred.toLowerCase().split(/\s+/).filter(Boolean), [deferred]);
  const search = useMemo(() => createIndicatorSearch(pack.indicators), [pack]);
  const matching = useMemo(() => search.matchingIds(deferred), [search, deferred]);
  const count = matching?.size ?? pack.indicators.length;

  return (
    <>
      <ProvenanceBanner title={pack.title} provenance={pack.provenance} />
      <p className="lead">
        These are the council’s examples of what each level of need looks like. They help you judge; they do not decide. A red flag means act now,
        whatever else you have seen.
      </p>
      <p>
        <strong>Red flags are our guidance, not the council’s labels:</strong> Safeguarding Records marks the same kinds of indicator as red flags in
        every council’s pack (for example female genital mutilation, sexual activity under 13, or going missing from home regularly).
      </p>
      <h2 className="section-title">Levels of need</h2>
      <LevelSummaries pack={pack} />

      <h2 className="section-title" id={`${searchId}-heading`}>
        Indicators by level and domain
      </h2>
      <div className="field thresholds-search" role="search" aria-labelledby={`${searchId}-heading`}>
        <label className="field__label" htmlFor={`${searchId}-query`}>
          Search indicators and the glossary
        </label>
        <div className="field__hint" id={`${searchId}-hint`}>
          For example: bruise, attendance, housing, exploitation.
        </div>
        <input
          id={`${searchId}-query`}
          type="search"
          className="input input--medium"
          value={query}
          aria-describedby={`${searchId}-hint ${searchId}-count`}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="thresholds-search__count" id={`${searchId}-count`} role="status">
          {words.length === 0
            ? `${pack.indicators.length} indicators in all.`
            : `${count} ${count === 1 ? 'indicator matches' : 'indicators match'} “${deferred.trim()}”.`}
        </p>
      </div>
      <LevelsTable pack={pack} words={words} matching={matching} />
      <Glossary pack={pack} words={words} />

      <h2 className="section-title">Routes and timescales</h2>
      <Pathways pack={pack} />
      <Rules pack={pack} />
      <EscalationSection pack={pack} />
      {pack.notes && pack.notes.length > 0 && (
        <>
          <h2 className="section-title">Other guidance in the document</h2>
          <ul className="list">
            {pack.notes.map((note, index) => (
              <li key={index}>
                {note.text} <SourceLine source={note.source} document={pack.provenance} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function packOptions(packs: readonly PackSummary[]) {
  return packs.map((pack) => ({ value: pack.id, label: pack.title }));
}

export function ThresholdsPage() {
  const { packs, chosen, problem } = usePackList();
  const [picked, setPicked] = useState<string | null>(null);
  const packId = picked ?? chosen.packId;
  const { pack, problem: packProblem } = usePack(packId);

  return (
    <section className="page">
      <PageHeading>Thresholds</PageHeading>
      {problem && (
        <AlertMessage title="The packs could not be loaded">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {packs && !chosen.packId && (
        <p className="lead">The school has not chosen its local-authority pack yet: an administrator or DSL can choose it in Settings. Meanwhile, pick a pack to read.</p>
      )}
      {packs && (
        <SelectField
          id="thresholds-pack"
          label="Pack"
          hint={chosen.packId ? 'The school’s own pack is shown first. You can read another council’s for comparison.' : undefined}
          value={packId ?? ''}
          onChange={(value) => setPicked(value || null)}
          placeholder={chosen.packId ? undefined : 'Choose a pack'}
          options={packOptions(chosen.packId ? [...packs.filter((p) => p.id === chosen.packId), ...packs.filter((p) => p.id !== chosen.packId)] : packs)}
        />
      )}
      {packProblem && (
        <AlertMessage title="The pack could not be loaded">
          <p>{packProblem.message}</p>
        </AlertMessage>
      )}
      {packId && !pack && !packProblem && <p className="loading">Loading the pack…</p>}
      {pack && <PackExplorer key={pack.id} pack={pack} />}
    </section>
  );
}
