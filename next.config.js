// @ts-check
import createMDX from '@next/mdx';
import { deployConfig } from './cli/deploy-config.mjs';

const withMDX = createMDX({
  // Both Markdown and MDX files go through the MDX compiler.
  extension: /\.mdx?$/,
  options: {
    // Plugins are named by package (not imported) so that Turbopack can
    // serialise the loader options across to its worker.
    remarkPlugins: [['remark-gfm', {}]],
  },
});

// Deploying under a sub-path: `BASE_PATH=/sip-course npm run build` (README, "Deploy"). EXPORT_DIR
// writes the export elsewhere than out/ (the browser tests build the sub-path site into out-base/).
const { basePath, exportDir } = deployConfig(process.env);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Static export to out/: no server code runs at run time.
  output: 'export',
  images: { unoptimized: true },
  trailingSlash: true,
  pageExtensions: ['ts', 'tsx', 'md', 'mdx'],
  reactStrictMode: true,
  basePath,
  ...(exportDir === 'out' ? {} : { distDir: exportDir }),
  // The page's code reads the base path for what Next.js does not prefix itself: share links,
  // storage keys, the service worker.
  env: { NEXT_PUBLIC_BASE_PATH: basePath },
  // `npm run typecheck` (tsc over the whole project) checks types before every build in
  // `npm test`; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default withMDX(nextConfig);
