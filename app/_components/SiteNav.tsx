'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Home' },
  { href: '/learn/', label: 'Lessons' },
  { href: '/playground/', label: 'Playground' },
  { href: '/message-lab/', label: 'Message lab' },
  { href: '/practice/', label: 'Practice' },
  { href: '/inspect/', label: 'Inspect' },
  { href: '/labs/', label: 'Labs' },
  { href: '/glossary/', label: 'Glossary' },
] as const;

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

function isCurrent(pathname: string, href: string): boolean {
  const path = withSlash(pathname);
  return href === '/' ? path === '/' : path.startsWith(href);
}

export function SiteNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav aria-label="Main" className="site-nav">
      <ul>
        {LINKS.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} aria-current={isCurrent(pathname, href) ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
