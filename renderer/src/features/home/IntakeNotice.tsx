// What the home page says about sealed intake (decision 0022): to the reader whose sign-in opened the records, how many
// concerns were waiting (immediate danger first) and whether any had to be set aside; to anyone else while the records
// are locked, that what they submit is sealed until a DSL signs in.
import { hrefFor } from '../../app/routes';
import { useApp } from '../../app/AppContext';
import { formatDateTime } from '../../../../shared/calendar';
import { AlertMessage, StatusMessage } from '../../components';

const concerns = (count: number) => (count === 1 ? '1 concern' : `${count} concerns`);

export function IntakeNotice() {
  const { status } = useApp();
  const notice = status.intakeNotice;
  const failed = status.unlockAtStartFailed;
  // Told to the first DSL after a hub start that could not open the records from protected storage (decision 0027).
  const unlockAtStartFailed = failed && (
    <AlertMessage title="The hub could not open the records by itself when it started">
      <p>
        At {formatDateTime(new Date(failed.at))}: {failed.reason}. Unlock at start is now off, so the hub stays locked after a restart until a DSL
        signs in. Your password opened the records as usual. To use it again, turn it on in <a href={hrefFor('settings')}>Settings</a>.
      </p>
    </AlertMessage>
  );
  if (notice) {
    return (
      <>
        {unlockAtStartFailed}
        {notice.immediateDanger > 0 && (
          <AlertMessage title={`${concerns(notice.immediateDanger)} logged while the records were locked say a child is in immediate danger`}>
            <p>
              Read {notice.immediateDanger === 1 ? 'it' : 'them'} first: <a href={hrefFor('queue')}>open the new concerns</a>.
            </p>
          </AlertMessage>
        )}
        {notice.arrived > 0 && (
          <StatusMessage title={`${concerns(notice.arrived)} arrived while the records were locked`}>
            <p>They were sealed when staff submitted them and are now in the records, each at the time its author logged it.</p>
          </StatusMessage>
        )}
        {notice.setAside > 0 && (
          <AlertMessage title={`${concerns(notice.setAside)} could not be read and ${notice.setAside === 1 ? 'was' : 'were'} set aside`}>
            <p>Nothing was thrown away: the reason is in the app’s log and the sealed copy is kept beside the records. Ask the staff who logged concerns at that time to tell you in person.</p>
          </AlertMessage>
        )}
      </>
    );
  }
  if (unlockAtStartFailed) return unlockAtStartFailed;
  if (status.records === 'locked') {
    return (
      <StatusMessage title="The records are locked until a DSL signs in">
        <p>You can still log a concern: it is saved and sealed, and the DSL will see it when the records are next opened.</p>
      </StatusMessage>
    );
  }
  return null;
}
