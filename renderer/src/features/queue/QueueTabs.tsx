// Tabs with counts (the WAI-ARIA tabs pattern): Left and Right move between tabs, and a tab is chosen as it is
// focused, so the count a DSL is looking at is always the list below.
import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  count: number | null;
}

export function QueueTabs<T extends string>({ tabs, selected, onSelect, panelId, idFor }: { tabs: readonly TabItem<T>[]; selected: T; onSelect: (id: T) => void; panelId: string; idFor: (id: T) => string }) {
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(idFor(tab.id))}`)?.focus();
  };

  return (
    <div className="queue-tabs" role="tablist" aria-label="Concerns by status" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          id={idFor(tab.id)}
          type="button"
          role="tab"
          className="queue-tabs__tab"
          aria-selected={tab.id === selected}
          aria-controls={panelId}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
          <span className="queue-tabs__count">{tab.count === null ? '…' : tab.count.toLocaleString('en-GB')}</span>
        </button>
      ))}
    </div>
  );
}
