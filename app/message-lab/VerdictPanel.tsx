import type { Analysis, CutLocation, ProblemLocation } from './analyze';
import styles from './message-lab.module.css';

type Verdicted = Extract<Analysis, { kind: 'verdict' }>;

/** The verdict in a few words: accepted, rejected with a status (a request) or discarded (a response). */
function headline(analysis: Verdicted): string {
  const { verdict, plain } = analysis;
  if (verdict.verdict === 'accept') return 'Accepted';
  if (plain.kind === 'response') return 'Discarded';
  if (plain.kind === 'request') return `Rejected with ${verdict.status}`;
  return 'Rejected';
}

function LocationLine({
  location,
  onShowInMessage,
}: {
  location: ProblemLocation;
  onShowInMessage: (location: ProblemLocation) => void;
}) {
  return (
    <div className={styles.location}>
      <p>
        <strong>
          Line {location.line}, column {location.column}
        </strong>
      </p>
      <button type="button" className={styles.button} onClick={() => onShowInMessage(location)}>
        Show in message
      </button>
    </div>
  );
}

export function VerdictPanel({
  analysis,
  onShowInMessage,
  onShowCut,
}: {
  analysis: Analysis;
  onShowInMessage: (location: ProblemLocation) => void;
  onShowCut: (cut: CutLocation) => void;
}) {
  if (analysis.kind === 'internal-error') {
    return (
      <section aria-labelledby="verdict-heading" className={`${styles.verdict} ${styles.rejected}`}>
        <h2 id="verdict-heading">Verdict</h2>
        <div role="status" aria-live="polite" aria-atomic="true">
          <p className={styles.verdictLine}>No verdict: the codec failed on this text</p>
          <p>This is a bug in the simulator, not a problem with the message: {analysis.error}</p>
        </div>
      </section>
    );
  }
  const { verdict, location, plain, cut } = analysis;
  const accepted = verdict.verdict === 'accept';
  const problem = plain.problem;
  return (
    <section
      aria-labelledby="verdict-heading"
      className={`${styles.verdict} ${accepted ? styles.accepted : styles.rejected}`}
    >
      <h2 id="verdict-heading">Verdict</h2>
      <div role="status" aria-live="polite" aria-atomic="true">
        <p className={styles.verdictLine}>
          <span aria-hidden="true" className={styles.verdictIcon}>
            {accepted ? '✓' : '✗'}
          </span>{' '}
          {headline(analysis)}
        </p>
        {problem !== undefined && <p className={styles.plainProblem}>{problem.sentence}</p>}
        <p className={styles.consequence}>{plain.consequence}</p>
      </div>
      {location !== undefined && (
        <LocationLine location={location} onShowInMessage={onShowInMessage} />
      )}
      {problem?.rule !== undefined && (
        <details className={styles.rule}>
          <summary>The grammar rule</summary>
          <p>
            <code>{problem.rule}</code>
          </p>
        </details>
      )}
      {plain.warnings.map((warning, i) => (
        <div
          key={i}
          className={warning.minor ? styles.note : styles.warning}
          role="note"
          aria-label={warning.minor ? 'Note' : 'Warning'}
        >
          <p>
            <strong>{warning.minor ? 'Note: ' : 'Warning: '}</strong>
            {warning.sentence} <span className={styles.muted}>({warning.rfc})</span>
          </p>
          {cut !== undefined && (
            <button type="button" className={styles.button} onClick={() => onShowCut(cut)}>
              Show the cut in the message
            </button>
          )}
        </div>
      ))}
      {analysis.explainError !== undefined && (
        <p className={styles.detail}>
          The codec could not explain this message line by line: {analysis.explainError}
        </p>
      )}
    </section>
  );
}
