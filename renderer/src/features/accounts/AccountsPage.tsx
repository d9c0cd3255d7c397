// Accounts (admin and DSL): who can sign in, adding people, disabling the accounts of people who have left, and
// resetting a forgotten password — which needs the recovery key or a DSL's own password, so an administrator
// alone can never take over an account.
import { useCallback, useEffect, useState } from 'react';
import { mayGrantRole, mayResetSecondFactor, needsSecondFactor, roleLabels, staffGroupLabels, type Account, type AppError, type SessionUser } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, LinkButton, PageHeading, StatusMessage } from '../../components';
import { CreateAccountForm } from './CreateAccountForm';
import { DisableAccountForm } from './DisableAccountForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { ResetSecondFactorForm } from '../secondFactor/ResetSecondFactorForm';

type View = { kind: 'list' } | { kind: 'create' } | { kind: 'disable'; account: Account } | { kind: 'reset'; account: Account } | { kind: 'resetSecondFactor'; account: Account };

function statusText(account: Account): string {
  if (account.status === 'disabled') return 'Disabled';
  return account.mustChangePassword ? 'Active — has a temporary password' : 'Active';
}

function AccountsTable({ accounts, user, onAction }: { accounts: Account[]; user: SessionUser; onAction: (view: View) => void }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Accounts, {accounts.length} in all</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Last signed in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const self = account.id === user.id;
            // Only a DSL changes DSL and headteacher accounts (the core refuses otherwise); do not offer what will be refused.
            const mayChange = !self && mayGrantRole(user.role, account.role);
            const mayResetFactor = !self && account.status === 'active' && needsSecondFactor(account.role) && mayResetSecondFactor(user.role, account.role);
            return (
              <tr key={account.id} className={account.status === 'disabled' ? 'table__row--disabled' : undefined}>
                <th scope="row">
                  {account.displayName}
                  {self && <span className="muted"> (you)</span>}
                </th>
                <td>{account.username}</td>
                <td>{roleLabels[account.role]}</td>
                <td>{staffGroupLabels[account.staffGroup]}</td>
                <td>{statusText(account)}</td>
                <td>{account.lastSignInAt ? formatDateTime(new Date(account.lastSignInAt)) : 'Never'}</td>
                <td>
                  {(mayChange || mayResetFactor) && (
                    <div className="table__actions">
                      {mayResetFactor && (
                        <LinkButton onClick={() => onAction({ kind: 'resetSecondFactor', account })}>
                          Reset second factor<span className="visually-hidden"> for {account.displayName}</span>
                        </LinkButton>
                      )}
                      {mayChange && (
                        <LinkButton onClick={() => onAction({ kind: 'reset', account })}>
                          {account.status === 'disabled' ? 'Reset password and re-enable' : 'Reset password'}
                          <span className="visually-hidden"> for {account.displayName}</span>
                        </LinkButton>
                      )}
                      {mayChange && account.status === 'active' && (
                        <LinkButton onClick={() => onAction({ kind: 'disable', account })}>
                          Disable<span className="visually-hidden"> {account.displayName}’s account</span>
                        </LinkButton>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AccountsPage({ user }: { user: SessionUser }) {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [done, setDone] = useState<{ title: string; body: string } | null>(null);

  const load = useCallback(async () => {
    const result = await invoke('accounts.list', {});
    if (result.ok) {
      setAccounts(result.value);
      setProblem(null);
    } else if (result.error.code !== 'locked') {
      // While locked the list already on screen stays as it was; it is reloaded after the next change.
      setProblem(result.error);
    }
  }, []);

  useEffect(() => {
    let current = true;
    void invoke('accounts.list', {}).then((result) => {
      if (!current) return;
      if (result.ok) setAccounts(result.value);
      else setProblem(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  // The list is reloaded before it is shown again, so the message and the list never disagree (a "disabled" message
  // above a row still saying "Active").
  const finish = (message: { title: string; body: string }) => {
    void load().then(() => {
      setDone(message);
      setView({ kind: 'list' });
    });
  };

  const open = (next: View) => {
    setDone(null);
    setView(next);
  };

  if (view.kind === 'create') {
    return (
      <CreateAccountForm
        user={user}
        onCancel={() => setView({ kind: 'list' })}
        onCreated={(account) =>
          finish({
            title: `Account created for ${account.displayName}`,
            body: `Give ${account.displayName} their username (${account.username}) and temporary password in person. They will choose their own password when they first sign in.`,
          })
        }
      />
    );
  }
  if (view.kind === 'disable') {
    return (
      <DisableAccountForm
        account={view.account}
        onCancel={() => setView({ kind: 'list' })}
        onDisabled={(account) => finish({ title: `${account.displayName}’s account is disabled`, body: 'They can no longer sign in. Their records and the audit trail are kept.' })}
      />
    );
  }
  if (view.kind === 'resetSecondFactor') {
    const { account } = view;
    return (
      <ResetSecondFactorForm
        account={account}
        onCancel={() => setView({ kind: 'list' })}
        onReset={() =>
          finish({
            title: `Second factor reset for ${account.displayName}`,
            body: `${account.displayName} is signed out everywhere and will set up their authenticator app again when they next sign in.`,
          })
        }
      />
    );
  }
  if (view.kind === 'reset') {
    return (
      <ResetPasswordForm
        account={view.account}
        onCancel={() => setView({ kind: 'list' })}
        onReset={(account) =>
          finish({
            title: `Password reset for ${account.displayName}`,
            body: `Give ${account.displayName} the temporary password in person. They will choose their own password when they next sign in.`,
          })
        }
      />
    );
  }

  return (
    <section className="page">
      <PageHeading>Accounts</PageHeading>
      {done && (
        <StatusMessage title={done.title}>
          <p>{done.body}</p>
        </StatusMessage>
      )}
      <p className="lead">Everyone who uses Safeguarding Records has their own account. Never share an account or a password.</p>
      <p>
        <a href={hrefFor('sessions')}>See who is signed in now, and end a session</a> (for a lost laptop).
      </p>
      <Button onClick={() => open({ kind: 'create' })}>Add an account</Button>
      {problem && (
        <AlertMessage title="The accounts could not be loaded">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {accounts ? <AccountsTable accounts={accounts} user={user} onAction={open} /> : !problem && <p className="loading">Loading accounts…</p>}
    </section>
  );
}
