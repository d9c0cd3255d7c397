import type { AppError } from '../../../shared/api';
import { AlertMessage, Button } from '../components';

/** When the app cannot be reached at all (the host stopped, the page's access key is missing). */
export function StartupProblem({ error, onRetry, inline = false }: { error: AppError; onRetry: () => void; inline?: boolean }) {
  const body = (
    <AlertMessage title="The app cannot be reached">
      <p>{error.message}</p>
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </AlertMessage>
  );
  if (inline) return <div className="connection-problem">{body}</div>;
  return (
    <main className="narrow-page" id="main">
      {body}
    </main>
  );
}
