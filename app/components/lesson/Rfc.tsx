/**
 * A citation of an RFC, "RFC 3261 §17.1.1", as a link to that section on rfc-editor.org. Every
 * citation names its RFC (test/content/citations.test.ts checks that the section exists there).
 */
export function Rfc({ rfc, section }: { rfc: string; section?: string }) {
  const href = `https://www.rfc-editor.org/rfc/rfc${rfc}${section ? `#section-${section}` : ''}`;
  return (
    <a href={href} className="rfc-link" rel="noreferrer">
      RFC {rfc}
      {section ? ` §${section}` : ''}
    </a>
  );
}
