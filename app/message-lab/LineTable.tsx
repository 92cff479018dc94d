import { longName, wireToText } from '@/sim/codec';
import type { Analysis, ExplainedRow } from './analyze';
import styles from './message-lab.module.css';

function LineText({ row }: { row: ExplainedRow }) {
  if (row.part === 'blank') return <span className={styles.muted}>(empty line)</span>;
  return <code className={styles.lineCode}>{wireToText(row.text)}</code>;
}

/** "short for Via" when the header is written in its compact form (RFC 3261 §7.3.3). */
function CompactNote({ row }: { row: ExplainedRow }) {
  const field = row.field;
  if (field === undefined || field.name.length !== 1) return null;
  return (
    <span className={styles.tag}>
      “{field.name}” is short for {longName(field.key)}
    </span>
  );
}

export function LineTable({ analysis }: { analysis: Extract<Analysis, { kind: 'verdict' }> }) {
  const { rows } = analysis;
  return (
    <section aria-labelledby="lines-heading">
      <h2 id="lines-heading">Line by line</h2>
      {rows === undefined ? (
        <p className={styles.muted}>
          {analysis.message === undefined
            ? 'The message does not parse, so it cannot be explained line by line. Fix the problem shown in the verdict and the explanation appears here.'
            : 'This message could not be explained line by line (see the verdict).'}
        </p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.lines}>
            <caption className="visually-hidden">
              Each line of the message, what it means, and where its RFC defines it
            </caption>
            <thead>
              <tr>
                <th scope="col" className={styles.colLine}>
                  Line
                </th>
                <th scope="col">Meaning</th>
                <th scope="col" className={styles.colRfc}>
                  Reference
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className={row.problem !== undefined ? styles.problemRow : undefined}>
                  <th scope="row" className={styles.lineCell}>
                    <LineText row={row} />
                    <CompactNote row={row} />
                    {row.problem !== undefined && (
                      <span className={`${styles.tag} ${styles.problemTag}`}>
                        <span aria-hidden="true">✗ </span>Problem
                      </span>
                    )}
                  </th>
                  <td>
                    {row.problem !== undefined && (
                      <>
                        <p className={styles.problemText}>
                          <strong>Problem:</strong> {row.problemInWords ?? row.problem}
                        </p>
                        {row.problemInWords !== undefined && (
                          <p className={styles.problemDetail}>{row.problem}</p>
                        )}
                      </>
                    )}
                    {row.meaning}
                  </td>
                  <td className={styles.rfcCell}>
                    {row.rfc ?? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">none</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
