// Who receives concerns about adults in this school. Shown to every recipient; changed only by the named headteacher
// or chair of governors (or, before a headteacher is named, by a DSL or head) — the core checks the same rule.
import { useState } from 'react';
import { adultRoleHoldersSchema, roleLabels, type CommandOutput, type Role } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, CheckboxField, ErrorSummary, Fieldset, RadioGroup, SelectField, StatusMessage, checkWith, useForm } from '../../components';

type Current = CommandOutput<'adults.roleHolders'>;

const order = ['headteacherUserId', 'lowLevelTo', 'dslUserId', 'chairOfGovernorsUserId'];

export function RoleHoldersForm({ current, onSaved }: { current: Current; onSaved: () => void }) {
  const { holders, candidates, mayChange } = current;
  const form = useForm({
    headteacherUserId: holders.headteacherUserId ?? '',
    chairOfGovernorsUserId: holders.chairOfGovernorsUserId ?? '',
    dslUserId: holders.dslUserId ?? '',
    lowLevelTo: holders.lowLevelTo as string,
    headIsProprietor: holders.headIsProprietor,
  });
  const [saved, setSaved] = useState(false);
  const nameOf = (id: string | null) => candidates.find((candidate) => candidate.id === id)?.displayName ?? 'Nobody named yet';
  const options = (roles: readonly Role[]) => candidates.filter((candidate) => roles.includes(candidate.role as Role)).map((candidate) => ({ value: candidate.id, label: `${candidate.displayName} (${roleLabels[candidate.role as Role]})` }));

  if (!mayChange) {
    return (
      <section aria-labelledby="holders-title" className="adults__holders">
        <h2 id="holders-title">Who receives concerns about adults</h2>
        <dl className="details details--compact">
          <div className="details__row">
            <dt>Headteacher (case manager)</dt>
            <dd>{nameOf(holders.headteacherUserId)}</dd>
          </div>
          <div className="details__row">
            <dt>Low-level concerns go to</dt>
            <dd>{holders.lowLevelTo === 'dsl' ? `The DSL: ${nameOf(holders.dslUserId)}` : 'The headteacher'}</dd>
          </div>
          <div className="details__row">
            <dt>Chair of governors</dt>
            <dd>{nameOf(holders.chairOfGovernorsUserId)}</dd>
          </div>
        </dl>
        <p className="muted">Only the headteacher or the chair of governors named here can change this.</p>
      </section>
    );
  }

  const { values, set } = form;
  return (
    <section aria-labelledby="holders-title" className="adults__holders">
      <h2 id="holders-title">Who receives concerns about adults</h2>
      {saved && <StatusMessage title="Saved">Concerns about adults now go to the people named here.</StatusMessage>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void form.submit({
            check: (raw) =>
              checkWith(adultRoleHoldersSchema, {
                headteacherUserId: raw.headteacherUserId || null,
                chairOfGovernorsUserId: raw.chairOfGovernorsUserId || null,
                dslUserId: raw.dslUserId || null,
                lowLevelTo: raw.lowLevelTo,
                headIsProprietor: raw.headIsProprietor,
              }),
            send: (input) => invoke('adults.setRoleHolders', input),
            onSuccess: () => {
              setSaved(true);
              onSaved();
            },
          });
        }}
      >
        <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
        <Fieldset legend="Roles">
          <SelectField
            id={form.idFor('headteacherUserId')}
            label="Headteacher (case manager for allegations)"
            error={form.errors.headteacherUserId}
            value={values.headteacherUserId}
            onChange={(value) => set('headteacherUserId', value)}
            placeholder="Nobody named yet"
            options={options(['head', 'dsl'])}
          />
          <RadioGroup
            id={form.idFor('lowLevelTo')}
            legend="Low-level concerns go to"
            hint="As the school’s staff behaviour policy says."
            error={form.errors.lowLevelTo}
            value={values.lowLevelTo}
            onChange={(value) => set('lowLevelTo', value)}
            options={[
              { value: 'headteacher', label: 'The headteacher' },
              { value: 'dsl', label: 'A designated safeguarding lead' },
            ]}
          />
          {values.lowLevelTo === 'dsl' && (
            <SelectField
              id={form.idFor('dslUserId')}
              label="The DSL who receives low-level concerns"
              hint="Concerns about this DSL go to the headteacher instead."
              error={form.errors.dslUserId}
              value={values.dslUserId}
              onChange={(value) => set('dslUserId', value)}
              placeholder="Choose a DSL"
              options={options(['dsl'])}
            />
          )}
          <SelectField
            id={form.idFor('chairOfGovernorsUserId')}
            label="Chair of governors (receives anything about the headteacher)"
            hint="Create an account with the Governor role for them first; it opens nothing but this register."
            error={form.errors.chairOfGovernorsUserId}
            value={values.chairOfGovernorsUserId}
            onChange={(value) => set('chairOfGovernorsUserId', value)}
            placeholder="Nobody named yet"
            options={options(['governor'])}
          />
          <CheckboxField
            id={form.idFor('headIsProprietor')}
            label="The headteacher is also the school’s proprietor"
            hint="Then an allegation about the headteacher goes straight to the LADO, and the person recording it is told so."
            checked={values.headIsProprietor}
            onChange={(checked) => set('headIsProprietor', checked)}
          />
        </Fieldset>
        <Button type="submit" busy={form.submitting} busyLabel="Saving…">
          Save who receives them
        </Button>
      </form>
    </section>
  );
}
