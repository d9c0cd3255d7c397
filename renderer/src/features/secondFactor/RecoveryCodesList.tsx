// Recovery codes, shown once: printable on their own and copyable as text, because only their hashes are kept.
import { useState } from 'react';
import type { AppStatus } from '../../../../shared/api';
import { formatDate } from '../../../../shared/calendar';
import { Button, ButtonGroup, StatusMessage } from '../../components';

export function RecoveryCodesList({ codes, school, username }: { codes: string[]; school: AppStatus['school']; username: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    const text = `Safeguarding Records recovery codes for ${username}${school ? ` at ${school.name}` : ''}\n${codes.join('\n')}\n`;
    navigator.clipboard.writeText(text).then(
      () => setCopied('The codes are copied. Paste them into your password manager, then clear the clipboard.'),
      () => setCopied('The codes could not be copied here: print them or write them down instead.'),
    );
  };
  return (
    <>
      <div className="print-area">
        <p className="print-area__title">
          Safeguarding Records recovery codes for {username}
          {school ? ` at ${school.name}` : ''}
        </p>
        <ol className="recovery-codes" aria-label="Your recovery codes">
          {codes.map((code) => (
            <li key={code} className="recovery-codes__code">
              {code}
            </li>
          ))}
        </ol>
        <p className="print-area__note">Printed on {formatDate(new Date())}. Each code works once. Keep them apart from your phone.</p>
      </div>
      <ButtonGroup>
        <Button variant="secondary" onClick={() => window.print()}>
          Print the codes
        </Button>
        <Button variant="secondary" onClick={copy}>
          Copy the codes
        </Button>
      </ButtonGroup>
      {copied && <StatusMessage>{copied}</StatusMessage>}
    </>
  );
}
