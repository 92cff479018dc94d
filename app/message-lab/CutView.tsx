/**
 * The body as a server reads it when Content-Length is smaller than what follows the empty line
 * (RFC 3261 §18.3): the bytes it keeps, a mark where the message ends, and the rest struck through.
 */
import type { CutLocation } from './analyze';
import styles from './message-lab.module.css';

function Discarded({ text }: { text: string }) {
  if (text === '') return null;
  return (
    <del className={styles.discarded}>
      <span className="visually-hidden">Not part of the message: </span>
      {text}
    </del>
  );
}

export function CutView({ text, cut }: { text: string; cut: CutLocation }) {
  const lines = text.split('\n');
  // From the empty line before the body to the end: the headers are not what is cut.
  const bodyLine = text.slice(0, cut.bodyIndex).split('\n').length;
  const first = Math.max(0, bodyLine - 2);
  // Where each line starts in the text.
  const starts: number[] = [];
  lines.reduce((at, l) => {
    starts.push(at);
    return at + l.length + 1;
  }, 0);
  return (
    <div
      className={styles.source}
      role="region"
      aria-label={`The body, cut by Content-Length at line ${cut.line}`}
      tabIndex={0}
      data-cut-line={cut.line}
    >
      {lines.slice(first).map((line, k) => {
        const i = first + k;
        const start = starts[i]!;
        const end = start + line.length;
        const number = i + 1;
        let content;
        if (end < cut.index) {
          content = line === '' ? '\u00a0' : line;
        } else if (start > cut.index) {
          content = line === '' ? '\u00a0' : <Discarded text={line} />;
        } else {
          const at = Math.max(0, cut.index - start);
          content = (
            <>
              {line.slice(0, at)}
              <mark className={styles.cutMark}>
                <span aria-hidden="true">✂ </span>Content-Length ends the message here
              </mark>
              <Discarded text={line.slice(at)} />
            </>
          );
        }
        return (
          <div
            key={i}
            className={`${styles.sourceLine} ${start <= cut.index && cut.index <= end ? styles.cutLine : ''}`}
          >
            <span className={styles.gutter} aria-hidden="true">
              {number}
            </span>
            <span className={styles.sourceText}>{content}</span>
          </div>
        );
      })}
    </div>
  );
}
