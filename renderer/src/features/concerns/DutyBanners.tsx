// The duties that cannot wait for the DSL, shown the moment the form's answers or words suggest them. Each says
// who to tell, how, and now; none of them stops the concern being saved (except one about an adult, which
// belongs in the headteacher's register, not a child's file: the banner is the door to that register's own form).
import type { ReactNode } from 'react';
import type { DutyBanner, FormContext } from '../../../../shared/api';
import { hrefFor } from '../../app/routes';

function Banner({ kind, title, children, loud = false }: { kind: DutyBanner; title: string; children: ReactNode; loud?: boolean }) {
  return (
    <div className={`duty-banner duty-banner--${kind}${loud ? ' duty-banner--loud' : ''}`} role={loud ? 'alert' : 'region'} aria-label={loud ? undefined : title}>
      <p className="duty-banner__title">{title}</p>
      <div className="duty-banner__body">{children}</div>
    </div>
  );
}

/** Who to find now, from the school's settings: by name, extension and where they are, or how to find out. */
export function dslOnDuty(context: FormContext | null): ReactNode {
  const dsl = context?.dslOnDuty;
  if (!dsl?.name) return <>the designated safeguarding lead (DSL) on duty — ask the school office who that is today</>;
  return (
    <>
      <strong>{dsl.name}</strong>
      {dsl.extension && (
        <>
          {' '}
          on extension <strong>{dsl.extension}</strong>
        </>
      )}
      {dsl.whereToFind && <>, {dsl.whereToFind}</>}
    </>
  );
}

export function ImmediateDangerBanner({ context }: { context: FormContext | null }) {
  return (
    <Banner kind="immediate_danger" title="A child is in immediate danger: act now, write later" loud>
      <ol className="duty-banner__steps">
        <li>
          <strong>Call 999 now</strong> if a child is at risk of serious harm.
        </li>
        <li>Find the DSL on duty in person, now: {dslOnDuty(context)}. Do not wait for them to read this form.</li>
        <li>Then come back and finish this record. It will go to the top of the DSL’s queue, marked as immediate danger.</li>
      </ol>
    </Banner>
  );
}

export function FgmBanner({ children }: { children: ReactNode }) {
  return (
    <Banner kind="fgm" title="Female genital mutilation: you have a personal duty to report to the police">
      <p>
        If a girl under 18 tells you FGM has been carried out on her, or you see signs that it has, the law says <strong>you</strong> must report it to the police yourself — call{' '}
        <strong>101</strong> — normally by the end of the next working day. Tell the DSL too; they will support you, but they cannot report it for you.
      </p>
      <p>If she is at risk of FGM that has not happened yet, tell the DSL now.</p>
      {children}
    </Banner>
  );
}

export function PreventBanner() {
  return (
    <Banner kind="prevent" title="Radicalisation: the Prevent duty">
      <p>
        Tell the DSL today. They decide whether to refer to Channel, the programme that supports people at risk of being drawn into terrorism. If anyone is at risk of harm now, call{' '}
        <strong>999</strong>.
      </p>
    </Banner>
  );
}

export function AboutAnAdultBanner({ context }: { context: FormContext | null }) {
  const head = context?.headteacher;
  return (
    <Banner kind="about_an_adult" title="A concern about an adult goes to the headteacher, not on a child’s file" loud>
      <p>
        Tell the headteacher now, in person or by phone:{' '}
        {head?.name ? (
          <>
            <strong>{head.name}</strong>
            {head.contact && <>, {head.contact}</>}
          </>
        ) : (
          'ask the school office how to reach them'
        )}
        . If the concern is about the headteacher, tell the chair of governors.
      </p>
      <p>
        <strong>
          <a href={hrefFor('logAdultConcern')}>Record it as a concern about an adult</a>
        </strong>{' '}
        instead: it goes to the headteacher (or the chair of governors) only, never to the person it is about. This form, which goes to the DSL, cannot be submitted while
        this box is ticked; your draft here is kept. Do not discuss it with the adult concerned. If a child was harmed or is at risk, also record what happened to the child
        here, with the box unticked.
      </p>
    </Banner>
  );
}
