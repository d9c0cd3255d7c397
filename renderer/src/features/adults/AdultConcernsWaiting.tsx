// The recipient's alert: how many concerns about adults sent to them are unread. A number for them alone — the core
// counts only records routed to this person, never any about them.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';

export function AdultConcernsWaiting() {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('adults.alerts', {}).then((result) => {
      if (live && result.ok) setUnread(result.value.unread);
    });
    return () => {
      live = false;
    };
  }, []);
  if (unread === null || unread === 0) return null;
  return (
    <p className="adults__waiting" role="status">
      <strong>{unread === 1 ? '1 new record' : `${unread} new records`}</strong> waiting for you to read.
    </p>
  );
}
