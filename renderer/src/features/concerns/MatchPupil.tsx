// A DSL matching a concern that named its child in words (typed while the pupil list could not be searched) to the
// pupils on the roster: the concern form's own search, then one command per child. The author's words are kept as they
// wrote them (decision 0023).
import { useId, useState, type FormEvent } from 'react';
import type { AppError, Role } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, Button } from '../../components';
import { pupilName, type ChosenPupil } from './concernForm';
import { PupilPicker } from './PupilPicker';

interface MatchPupilProps {
  concernId: string;
  role: Role;
  /** Called with the names of the children matched (some, if a later one was refused), so the page can reload. */
  onMatched: (names: string[]) => void;
}

export function MatchPupil({ concernId, role, onMatched }: MatchPupilProps) {
  const id = `match-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [chosen, setChosen] = useState<ChosenPupil[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (chosen.length === 0) {
      setError('Find and choose the pupil these words describe');
      return;
    }
    setError(undefined);
    setProblem(null);
    setBusy(true);
    const matched: string[] = [];
    for (const item of chosen) {
      const result = await invoke('concerns.matchPupil', { concernId, pupilId: item.pupil.id, part: item.part });
      if (!result.ok) {
        setProblem(result.error);
        break;
      }
      matched.push(result.value.pupilName);
    }
    setBusy(false);
    setChosen((list) => list.filter((item) => !matched.includes(pupilName(item.pupil))));
    if (matched.length > 0) onMatched(matched);
  };

  const names = chosen.map((item) => pupilName(item.pupil));
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="match-pupil">
      <PupilPicker
        id={id}
        chosen={chosen}
        onChange={(next) => {
          setChosen(next);
          setError(undefined);
        }}
        error={error}
        role={role}
        hint="Search the pupil list for the child described: part of their name, their class or UPN. Add each child the words name."
      />
      {problem && <AlertMessage title="The concern could not be matched">{problem.message}</AlertMessage>}
      <Button type="submit" busy={busy} busyLabel="Matching…">
        {names.length > 0 ? `Match this concern to ${names.join(' and ')}` : 'Match this concern to the pupil'}
      </Button>
    </form>
  );
}
