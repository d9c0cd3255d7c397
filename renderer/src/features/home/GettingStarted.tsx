// The DSL's first-hour list on the home page. Each step ticks itself from what the school has done (setup.progress),
// links to the page where it is done, and the list goes away once every step is.
import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../../shared/api';
import { invoke } from '../../api';
import { hrefFor, type RouteName } from '../../app/routes';

type Progress = CommandOutput<'setup.progress'>;

const steps: ReadonlyArray<{ done: keyof Progress; label: string; route: RouteName; why: string }> = [
  { done: 'dslOnDuty', label: 'Say who staff find in an emergency', route: 'settings', why: 'The immediate-danger warning names this person.' },
  { done: 'pupils', label: 'Import your pupils', route: 'pupils', why: 'From your MIS, so staff can choose the child a concern is about.' },
  { done: 'staff', label: 'Add staff accounts', route: 'accounts', why: 'Everyone who works with children should be able to log a concern.' },
  { done: 'contacts', label: 'Check your local-authority contacts', route: 'contacts', why: 'The pack’s numbers are from its publication: check each one is still right.' },
  { done: 'termDates', label: 'Confirm this school year’s term dates', route: 'settings', why: 'The culture report compares term with term.' },
];

export function GettingStarted() {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let current = true;
    void invoke('setup.progress', {}).then((result) => {
      if (current && result.ok) setProgress(result.value);
    });
    return () => {
      current = false;
    };
  }, []);
  if (!progress || steps.every((step) => progress[step.done])) return null;
  const doneCount = steps.filter((step) => progress[step.done]).length;
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <h2 className="card__title" id="getting-started-title">
        Getting started
      </h2>
      <p>
        {doneCount} of {steps.length} steps done. Each step ticks itself once it is done.
      </p>
      <ol className="getting-started__steps">
        {steps.map((step) => (
          <li key={step.done} className={progress[step.done] ? 'getting-started__step getting-started__step--done' : 'getting-started__step'}>
            <a href={hrefFor(step.route)}>{step.label}</a>
            <span className="getting-started__state">{progress[step.done] ? ' — done' : ' — to do'}</span>
            <span className="getting-started__why">{step.why}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
