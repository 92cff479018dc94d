import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { withBasePath } from './_deploy/base-path';
import { UpdatePrompt } from './_deploy/UpdatePrompt';
import { SiteNav } from './_components/SiteNav';
import { THEME_INIT_SCRIPT } from './_components/theme';
import { ThemeToggle } from './_components/ThemeToggle';
import './globals.css';
import './learn/lesson.css';

export const metadata: Metadata = {
  title: { default: 'SIP Lab', template: '%s · SIP Lab' },
  description:
    'Learn SIP (RFC 3261) by stepping through a simulated SIP network in the browser, message by message.',
  // Installing as an app (app/manifest.ts adds the manifest link). Next.js does not add the base path
  // to these URLs itself.
  icons: {
    icon: [{ url: withBasePath('/icons/icon.svg'), type: 'image/svg+xml' }],
    apple: [{ url: withBasePath('/icons/apple-touch-icon.png'), sizes: '180x180' }],
  },
  appleWebApp: { capable: true, title: 'SIP Lab', statusBarStyle: 'default' },
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#0b57a4' },
    { media: '(prefers-color-scheme: dark)', color: '#15181d' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // data-theme is set before hydration by THEME_INIT_SCRIPT, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container site-header-inner">
            <Link className="site-name" href="/">
              SIP Lab
            </Link>
            <SiteNav />
            <ThemeToggle />
          </div>
        </header>
        <main id="main" className="container site-main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            SIP Lab: a teaching simulator of the Session Initiation Protocol (RFC 3261). Everything
            runs in your browser.
          </div>
        </footer>
        <UpdatePrompt />
      </body>
    </html>
  );
}
