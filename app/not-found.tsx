import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = {
  title: 'Page not found',
};

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="lead">
        There is no page at this address. It may have moved, or the link may be mistyped.
      </p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </>
  );
}
