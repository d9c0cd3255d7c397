// The DSL's review queue: what is new (immediate danger first, then whoever has waited longest), what is open,
// what referrals are waiting for a reply, and what actions and reviews are due — at a glance, filterable, and
// quick with ten years of a large school's concerns (server-side pages in a windowed list).
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { commands, concernChildLabel, mayBeAssignedConcerns, queueFiltersSchema, type Account, type AppError, type QueueFilters, type QueueRow } from '../../../../shared/api';
import { formatDateTime, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, ButtonGroup, checkWith, ErrorSummary, LinkButton, PageHeading, SelectField, StatusMessage, TextField, useForm, type FieldMessages } from '../../components';
import { QueueReminders } from './QueueReminders';
import { QueueTabs } from './QueueTabs';
import { useQueuePages, type QueueSort, type QueueTab } from './useQueuePages';
import { VirtualList } from './VirtualList';
import './queue.css';

// Two lines a row, so a laptop screen holds eight or more concerns at once.
const ROW_HEIGHT = 54;

const tabLabels: Record<QueueTab, string> = { new: 'New', open: 'Open', closed: 'Closed', all: 'All' };
const statusLabels: Record<QueueRow['status'], string> = { new: 'New', read: 'Read', open: 'Open', closed: 'Closed' };
const sortLabels: Record<QueueSort, string> = { priority: 'Most urgent first, then longest waiting', oldest: 'Oldest first', newest: 'Newest first' };

type FilterValues = { category: string; yearGroup: string; assignedTo: string; from: string; to: string };
const emptyFilters: FilterValues = { category: '', yearGroup: '', assignedTo: '', from: '', to: '' };
const filterOrder = ['category', 'yearGroup', 'assignedTo', 'from', 'to'];

/** Turns the filter form into the command's filters; dates are typed dd/MM/yyyy. */
function checkFilters(values: FilterValues) {
  const extra: FieldMessages = {};
  const date = (field: 'from' | 'to') => {
    const text = values[field].trim();
    if (text === '') return undefined;
    const parsed = parseUkDate(text);
    if (parsed.ok) return parsed.isoDate;
    extra[field] = parsed.message;
    return undefined;
  };
  const raw = {
    category: values.category || undefined,
    yearGroup: values.yearGroup.trim() || undefined,
    assignedTo: values.assignedTo || undefined,
    from: date('from'),
    to: date('to'),
  };
  if (raw.from && raw.to && raw.to < raw.from) extra.to = 'The end date must be on or after the start date';
  return checkWith(queueFiltersSchema, raw, extra);
}

function AssignForm({ row, dsls, onDone, onCancel }: { row: QueueRow; dsls: Account[]; onDone: (name: string) => void; onCancel: () => void }) {
  const form = useForm({ assignTo: row.assignedTo ?? '', handoverNote: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(commands['concerns.assign'].input, { concernId: row.id, version: row.version, ...values }, values.assignTo ? {} : { assignTo: 'Choose a DSL or deputy' }),
      send: (input) => invoke('concerns.assign', input),
      onSuccess: () => onDone(dsls.find((dsl) => dsl.id === form.values.assignTo)?.displayName ?? 'the DSL'),
    });
  };
  return (
    <section className="panel queue-assign" aria-labelledby="assign-title">
      <h2 className="section-title" id="assign-title">
        Assign the concern about {concernChildLabel(row)}
      </h2>
      <p className="muted">Recorded {formatDateTime(new Date(row.recordedAt))} by {row.authorName}.</p>
      <ErrorSummary errors={form.errors} formError={form.formError} order={['assignTo', 'handoverNote']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        <SelectField {...form.bind('assignTo')} label="Assign to" placeholder="Choose a DSL or deputy" options={dsls.map((dsl) => ({ value: dsl.id, label: dsl.displayName }))} />
        <TextField {...form.bind('handoverNote')} label="Handover note (optional)" hint="What they need to know to pick this up: what has been done, what is waiting." multiline />
        <ButtonGroup>
          <Button type="submit" busy={form.submitting} busyLabel="Assigning…">
            Assign
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

function QueueRowView({ row, categoryLabel, onAssign }: { row: QueueRow; categoryLabel: (id: string) => string; onAssign: (row: QueueRow) => void }) {
  const pupils = concernChildLabel(row);
  return (
    <div className={row.immediateDanger ? 'queue-row queue-row--danger' : 'queue-row'}>
      <div className="queue-row__top">
        {row.immediateDanger && <span className="queue-tag queue-tag--danger">Immediate danger</span>}
        {row.urgent && !row.immediateDanger && <span className="queue-tag queue-tag--urgent">Urgent</span>}
        <span className="queue-tag">{statusLabels[row.status]}</span>
        <a className="queue-row__link" href={hrefFor('concern', { concernId: row.id })} data-row-primary="">
          {pupils}
          <span className="visually-hidden">, concern recorded {formatDateTime(new Date(row.recordedAt))}</span>
        </a>
        <span className="queue-row__summary">{row.summary}</span>
        <span className="queue-row__when">{formatDateTime(new Date(row.recordedAt))}</span>
      </div>
      <div className="queue-row__bottom">
        <p className="queue-row__meta">
          {row.yearGroups.length > 0 && <>Year {row.yearGroups.join(', ')} · </>}
          {row.categories.length > 0 ? row.categories.map(categoryLabel).join(', ') : 'No category'} · by {row.authorName} ·{' '}
          {row.assignedToName ? `Assigned to ${row.assignedToName}` : 'Not assigned'}
        </p>
        {/* Outside the clipped line: a link cut off by an ellipsis would still take clicks under its neighbour. */}
        <span className="queue-row__files">
          {row.pupils.map((pupil, index) => (
            <span key={pupil.id}>
              {index > 0 && ' · '}
              <a href={hrefFor('child', { pupilId: pupil.id })}>{pupil.name}’s file</a>
            </span>
          ))}
        </span>
        {row.status !== 'closed' && (
          <LinkButton onClick={() => onAssign(row)}>
            Assign<span className="visually-hidden"> the concern about {pupils}</span>
          </LinkButton>
        )}
      </div>
    </div>
  );
}

export function QueuePage() {
  const idBase = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [tab, setTab] = useState<QueueTab>('new');
  const [sort, setSort] = useState<QueueSort>('priority');
  const [filters, setFilters] = useState<QueueFilters>({});
  const [reloadKey, setReloadKey] = useState(0);
  const [counts, setCounts] = useState<Record<QueueTab, number | null>>({ new: null, open: null, closed: null, all: null });
  const [categories, setCategories] = useState<{ id: string; label: string }[]>([]);
  const [dsls, setDsls] = useState<Account[]>([]);
  const [assigning, setAssigning] = useState<QueueRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [countProblem, setCountProblem] = useState<AppError | null>(null);
  const filterForm = useForm<FilterValues>(emptyFilters);
  const query = useMemo(() => ({ tab, filters, sort }), [tab, filters, sort]);
  const { total, problem, rowAt, onVisibleRange } = useQueuePages(query, reloadKey);

  useEffect(() => {
    let current = true;
    void invoke('concerns.formContext', {}).then((result) => {
      if (current && result.ok) setCategories(result.value.categories.map(({ id, label }) => ({ id, label })));
    });
    void invoke('accounts.list', {}).then((result) => {
      if (current && result.ok) setDsls(result.value.filter(mayBeAssignedConcerns));
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    // New and open come from the counts; closed and all from a one-row page, which carries the total.
    void Promise.all([
      invoke('queue.counts', { filters }),
      invoke('queue.concerns', { tab: 'closed', filters, limit: 1 }),
      invoke('queue.concerns', { tab: 'all', filters, limit: 1 }),
    ]).then(([summary, closed, all]) => {
      if (!current) return;
      if (!summary.ok) return setCountProblem(summary.error);
      setCountProblem(null);
      setCounts({ new: summary.value.new, open: summary.value.open, closed: closed.ok ? closed.value.total : null, all: all.ok ? all.value.total : null });
    });
    return () => {
      current = false;
    };
  }, [filters, reloadKey]);

  const categoryLabel = useCallback((id: string) => categories.find((category) => category.id === id)?.label ?? id, [categories]);

  const applyFilters = (event: FormEvent) => {
    event.preventDefault();
    void filterForm.submit({
      check: checkFilters,
      send: (input) => Promise.resolve({ ok: true as const, value: input }),
      onSuccess: (input) => setFilters(input),
    });
  };

  const clearFilters = () => {
    filterForm.reset(emptyFilters);
    setFilters({});
  };

  const activeFilters = Object.values(filters).filter(Boolean).length;
  const panelId = `${idBase}-panel`;
  const tabId = (id: QueueTab) => `${idBase}-tab-${id}`;

  const renderRow = (index: number) => {
    const row = rowAt(index);
    if (!row) return <p className="queue-row queue-row--loading">Loading concern {index + 1}…</p>;
    return <QueueRowView row={row} categoryLabel={categoryLabel} onAssign={(chosen) => (setDone(null), setAssigning(chosen))} />;
  };

  return (
    <section className="page page--wide">
      <PageHeading>Review queue</PageHeading>
      {done && (
        <StatusMessage title="Assigned">
          <p>{done}</p>
        </StatusMessage>
      )}
      {countProblem && (
        <AlertMessage title="The queue could not be loaded">
          <p>{countProblem.message}</p>
        </AlertMessage>
      )}
      <div className="queue-layout">
        <div className="queue-main">
          <div className="queue-toolbar">
          <details className="queue-filters" open={activeFilters > 0 || Object.keys(filterForm.errors).length > 0 || undefined}>
            <summary>Filter and sort{activeFilters > 0 ? ` (${activeFilters} ${activeFilters === 1 ? 'filter' : 'filters'} on)` : ''}</summary>
            <ErrorSummary errors={filterForm.errors} formError={null} order={filterOrder} idFor={filterForm.idFor} failedSubmits={filterForm.failedSubmits} />
            <form noValidate onSubmit={applyFilters} className="queue-filters__form">
              <SelectField {...filterForm.bind('category')} label="Category" placeholder="Any category" options={categories.map(({ id, label }) => ({ value: id, label }))} />
              <TextField {...filterForm.bind('yearGroup')} label="Year group" hint="For example 5, or R for Reception" width="short" />
              <SelectField
                {...filterForm.bind('assignedTo')}
                label="Assigned to"
                placeholder="Anyone or no one"
                options={[{ value: 'unassigned', label: 'Not assigned' }, ...dsls.map((dsl) => ({ value: dsl.id, label: dsl.displayName }))]}
              />
              <TextField {...filterForm.bind('from')} label="Recorded from" hint="For example 01/09/2026" width="short" />
              <TextField {...filterForm.bind('to')} label="Recorded up to" hint="For example 22/11/2026" width="short" />
              <ButtonGroup>
                <Button type="submit">Apply filters</Button>
                <Button variant="secondary" onClick={clearFilters}>
                  Clear filters
                </Button>
              </ButtonGroup>
            </form>
          </details>
          <SelectField id={`${idBase}-sort`} label="Sort by" value={sort} onChange={(value) => setSort(value as QueueSort)} options={(Object.keys(sortLabels) as QueueSort[]).map((value) => ({ value, label: sortLabels[value] }))} />
          </div>

          {assigning && (
            <AssignForm
              row={assigning}
              dsls={dsls}
              onCancel={() => setAssigning(null)}
              onDone={(name) => {
                setDone(`The concern about ${concernChildLabel(assigning)} is now with ${name}.`);
                setAssigning(null);
                setReloadKey((key) => key + 1);
              }}
            />
          )}

          <QueueTabs
            tabs={(Object.keys(tabLabels) as QueueTab[]).map((id) => ({ id, label: tabLabels[id], count: id === tab && total !== null ? total : counts[id] }))}
            selected={tab}
            onSelect={setTab}
            panelId={panelId}
            idFor={tabId}
          />
          <div className="queue-panel" id={panelId} role="tabpanel" aria-labelledby={tabId(tab)}>
            <p className="muted queue-panel__help">
              {total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} ${total === 1 ? 'concern' : 'concerns'}`}
              {activeFilters > 0 ? ' matching the filters' : ''}, {sortLabels[sort].toLowerCase()}. Arrow keys move between them; Enter opens one.
            </p>
            {problem && (
              <AlertMessage title="Some concerns could not be loaded">
                <p>{problem.message}</p>
              </AlertMessage>
            )}
            {total === 0 ? (
              <p className="queue-empty">{tab === 'new' ? 'Nothing new. Every concern has been read.' : 'No concerns here.'}</p>
            ) : (
              total !== null && <VirtualList count={total} rowHeight={ROW_HEIGHT} label={`${tabLabels[tab]} concerns`} renderRow={renderRow} onVisibleRange={onVisibleRange} />
            )}
          </div>
        </div>
        <QueueReminders reloadKey={reloadKey} />
      </div>
    </section>
  );
}
