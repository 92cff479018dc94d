/**
 * A Markdown link in a lesson. A path on this site ("/learn/dialogs/") becomes a Next.js link, which
 * adds the deployment's base path and moves between pages without reloading; any other link (a full
 * URL, "#section") stays a plain <a>.
 */
import Link from 'next/link';
import type { ComponentProps } from 'react';

export function LessonLink({ href, ...rest }: ComponentProps<'a'>) {
  if (href !== undefined && href.startsWith('/') && !href.startsWith('//'))
    return <Link href={href} {...rest} />;
  return <a href={href} {...rest} />;
}
