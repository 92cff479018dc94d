/** "RFC 3261 §17.1.1" as a link to that section of the RFC. */
export function Rfc({ section, rfc = '3261' }: { section?: string; rfc?: string }) {
  const href = `https://www.rfc-editor.org/rfc/rfc${rfc}${section ? `#section-${section}` : ''}`;
  return (
    <a href={href} className="rfc-link" rel="noreferrer">
      RFC {rfc}
      {section ? ` §${section}` : ''}
    </a>
  );
}
