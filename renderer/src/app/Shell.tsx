// The signed-in app's frame: masthead, the navigation a role may use, and the page for the current address.
import type { AppStatus, SessionUser } from '../../../shared/api';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AdultRecordPage } from '../features/adults/AdultRecordPage';
import { AdultRegisterPage } from '../features/adults/AdultRegisterPage';
import { LogAdultConcernPage } from '../features/adults/LogAdultConcernPage';
import { SessionsPage } from '../features/accounts/SessionsPage';
import { ChildFilePage } from '../features/children/ChildFilePage';
import { ConcernPage } from '../features/concerns/ConcernPage';
import { LogConcernPage } from '../features/concerns/LogConcernPage';
import { MyConcernsPage } from '../features/concerns/MyConcernsPage';
import { ChildExportsPage } from '../features/exports/ChildExportsPage';
import { ReferralPackPage } from '../features/exports/ReferralPackPage';
import { TransferOutPage } from '../features/exports/TransferOutPage';
import { TransfersPage } from '../features/exports/TransfersPage';
import { HomePage } from '../features/home/HomePage';
import { ContactsPage } from '../features/packs/ContactsPage';
import { ThresholdsPage } from '../features/packs/ThresholdsPage';
import { QueuePage } from '../features/queue/QueuePage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { PupilsPage } from '../features/roster/PupilsPage';
import { ChangePasswordPage } from '../features/session/ChangePasswordPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { MainNav } from './MainNav';
import { Masthead } from './Masthead';
import { NoAccessPage, NotFoundPage } from './NoAccessPage';
import { mayVisit, type Location, type RouteName } from './routes';

function Page({ location, user }: { location: Location; user: SessionUser }) {
  if (location.route === 'not_found') return <NotFoundPage />;
  // Checked before the page is drawn, so a page the role may not use never calls anything.
  if (!mayVisit(user.role, location.route)) return <NoAccessPage />;
  switch (location.route) {
    case 'home':
      return <HomePage user={user} />;
    case 'logConcern':
      return <LogConcernPage user={user} />;
    case 'myConcerns':
      return <MyConcernsPage />;
    case 'concern':
      return <ConcernPage concernId={location.params.concernId ?? ''} user={user} />;
    case 'logAdultConcern':
      return <LogAdultConcernPage />;
    case 'adultRegister':
      return <AdultRegisterPage user={user} />;
    case 'adultRecord':
      return <AdultRecordPage recordId={location.params.recordId ?? ''} />;
    case 'queue':
      return <QueuePage />;
    case 'child':
      return <ChildFilePage pupilId={location.params.pupilId ?? ''} user={user} />;
    case 'decideOnConcern':
      return <ChildFilePage pupilId={location.params.pupilId ?? ''} user={user} startWith={{ kind: 'decision', concernId: location.params.concernId ?? '' }} />;
    case 'recordReferral':
      return <ChildFilePage pupilId={location.params.pupilId ?? ''} user={user} startWith={{ kind: 'referral', decision: null }} />;
    case 'referralPack':
      return <ReferralPackPage pupilId={location.params.pupilId ?? ''} />;
    case 'childExports':
      return <ChildExportsPage pupilId={location.params.pupilId ?? ''} />;
    case 'transferOut':
      return <TransferOutPage pupilId={location.params.pupilId ?? ''} />;
    case 'transfers':
      return <TransfersPage />;
    case 'pupils':
      return <PupilsPage />;
    case 'thresholds':
      return <ThresholdsPage />;
    case 'contacts':
      return <ContactsPage />;
    case 'reports':
      return <ReportsPage user={user} />;
    case 'accounts':
      return <AccountsPage user={user} />;
    case 'sessions':
      return <SessionsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'password':
      return <ChangePasswordPage />;
  }
}

export function Shell({ status, user, location }: { status: AppStatus; user: SessionUser; location: Location }) {
  const current: RouteName | null = location.route === 'not_found' ? null : location.route;

  return (
    <>
      <Masthead user={user} school={status.school} navigation={<MainNav role={user.role} current={current} />} />
      <main id="main" className="main" tabIndex={-1}>
        <Page key={location.route === 'not_found' ? location.path : `${location.route}:${JSON.stringify(location.params)}`} location={location} user={user} />
      </main>
      <footer className="footer">
        <p>
          Stepping away? Press <kbd>Ctrl</kbd> + <kbd>Shift</kbd> + <kbd>B</kbd> to hide the screen at once. The app also locks itself after {status.idleLockMinutes}{' '}
          {status.idleLockMinutes === 1 ? 'minute' : 'minutes'} without use.
        </p>
      </footer>
    </>
  );
}
