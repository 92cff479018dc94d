'use client';
/**
 * The findings of a check: first what is wrong, missing or extra — each with its hint, and (on
 * request) what was expected, the rule and its section — then the parts that are right.
 */
import type { Finding } from '@/sim/exercise';

const WORD: Record<Finding['verdict'], string> = {
  right: 'right',
  wrong: 'wrong',
  missing: 'missing',
  extra: 'extra',
};

function sectionLink(section: string) {
  const m = /^RFC (\d+) §([\d.]+)/.exec(section);
  if (!m) return section;
  return (
    <a href={`https://www.rfc-editor.org/rfc/rfc${m[1]}#section-${m[2]}`} rel="noreferrer">
      {section}
    </a>
  );
}

export function FindingsView({ findings, correct }: { findings: Finding[]; correct: boolean }) {
  const bad = findings.filter((f) => f.verdict !== 'right');
  const good = findings.filter((f) => f.verdict === 'right');
  return (
    <section
      className="bte-findings"
      aria-labelledby="bte-findings-h"
      aria-live="polite"
      data-correct={correct}
    >
      <h3 id="bte-findings-h" className={correct ? 'bte-ok' : 'bte-bad'}>
        {correct
          ? `Right: this is the message the element sends (${good.length} parts checked).`
          : `${bad.length} ${bad.length === 1 ? 'part needs' : 'parts need'} another look.`}
      </h3>
      {bad.length > 0 ? (
        <ul className="bte-finding-list">
          {bad.map((f, i) => (
            <li
              key={i}
              className={`bte-finding bte-${f.verdict}`}
              data-part={f.part}
              data-verdict={f.verdict}
            >
              <p className="bte-finding-head">
                <span className={`bte-verdict bte-verdict-${f.verdict}`}>{WORD[f.verdict]}</span>{' '}
                <strong>{f.part}</strong>
                {f.got !== '' ? (
                  <>
                    {' '}
                    — you wrote <code>{f.got}</code>
                  </>
                ) : null}
              </p>
              <p className="bte-hint">{f.hint}</p>
              <details className="bte-detail">
                <summary>The rule, and what was expected</summary>
                <p>
                  {f.rule} ({sectionLink(f.section)})
                </p>
                <p>
                  Expected: <code>{f.expected}</code>
                </p>
              </details>
            </li>
          ))}
        </ul>
      ) : null}
      {good.length > 0 ? (
        <details className="bte-right" open={correct}>
          <summary>
            {good.length} {good.length === 1 ? 'part' : 'parts'} right
          </summary>
          <ul className="bte-right-list">
            {good.map((f, i) => (
              <li key={i} data-part={f.part} data-verdict="right">
                <span className="bte-verdict bte-verdict-right">right</span> {f.part}
                {f.got !== '' ? (
                  <>
                    : <code>{f.got}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
