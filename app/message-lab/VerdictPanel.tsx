import type { Analysis, ProblemLocation } from './analyze';
import styles from './message-lab.module.css';

/** What happens to the message next, in words: the answer a server sends, or that it is discarded. */
function consequence(analysis: Extract<Analysis, { kind: 'verdict' }>): string {
  const { verdict, message } = analysis;
  if (verdict.verdict === 'accept') {
    const accepted = verdict.message;
    return accepted.kind === 'request'
      ? `A server would go on to handle this ${accepted.method}: it passes the checks every element makes before it looks at the method (RFC 3261 §8.2.2, §8.2.3). Whether it supports the method depends on the element (§8.2.1).`
      : 'An element would take this response and match it to the transaction it answers (RFC 3261 §17.1.3).';
  }
  const answer = `${verdict.status} ${verdict.reason}`;
  if (message === undefined) {
    return `A server would answer a request like this with ${answer}. A response like this would be discarded, since nobody answers a response (RFC 3261 §18.1.2, §17.1.3).`;
  }
  if (message.kind === 'response') {
    return `This is a response, and nobody answers a response: an element discards it silently (RFC 3261 §18.1.2, §17.1.3). The ${verdict.status} is what a request with this problem would get.`;
  }
  return `A server would answer: ${answer}.`;
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
          Line {location.line}, column {location.column}:
        </strong>{' '}
        {location.problem}
        {location.expected !== undefined && <>, expected {location.expected}</>}
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
}: {
  analysis: Analysis;
  onShowInMessage: (location: ProblemLocation) => void;
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
  const { verdict, location } = analysis;
  const accepted = verdict.verdict === 'accept';
  // For a parse error the detail repeats the location line; it is shown only when it adds to it.
  const detail =
    verdict.verdict === 'reject' && verdict.detail !== verdict.error?.message
      ? verdict.detail
      : undefined;
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
          {accepted ? 'Accepted' : `Rejected: ${verdict.status} ${verdict.reason}`}
        </p>
        <p className={styles.consequence}>{consequence(analysis)}</p>
      </div>
      {location !== undefined && (
        <LocationLine location={location} onShowInMessage={onShowInMessage} />
      )}
      {detail !== undefined && <p className={styles.detail}>{detail}</p>}
      {analysis.explainError !== undefined && (
        <p className={styles.detail}>
          The codec could not explain this message line by line: {analysis.explainError}
        </p>
      )}
    </section>
  );
}
