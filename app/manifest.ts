/**
 * The web app manifest (out/manifest.webmanifest): SIP Lab installs as an app on a phone or a laptop,
 * opens on the home page of its own deployment (its base path) and keeps to it. The icons are drawn
 * by cli/make-icons.ts from the SVGs in public/icons/.
 */
import type { MetadataRoute } from 'next';
import { withBasePath } from './_deploy/base-path';

// A static export writes the manifest once, at build time.
export const dynamic = 'force-static';

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: withBasePath('/'),
    name: 'SIP Lab: learn SIP by stepping through a simulated network',
    short_name: 'SIP Lab',
    description:
      'Learn SIP (RFC 3261) by stepping through a simulated SIP network in the browser, message by message. Works offline after the first visit.',
    start_url: withBasePath('/'),
    scope: withBasePath('/'),
    display: 'standalone',
    background_color: '#f8f8f5',
    theme_color: '#0b57a4',
    categories: ['education'],
    icons: [
      {
        src: withBasePath('/icons/icon-192.png'),
        sizes: '192x192',
        type: 'image/png',
        purpose: 'any',
      },
      {
        src: withBasePath('/icons/icon-512.png'),
        sizes: '512x512',
        type: 'image/png',
        purpose: 'any',
      },
      {
        src: withBasePath('/icons/icon-maskable-512.png'),
        sizes: '512x512',
        type: 'image/png',
        purpose: 'maskable',
      },
      { src: withBasePath('/icons/icon.svg'), sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
