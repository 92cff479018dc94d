// @ts-check
import createMDX from '@next/mdx';

const withMDX = createMDX({
  // Both Markdown and MDX files go through the MDX compiler.
  extension: /\.mdx?$/,
  options: {
    // Plugins are named by package (not imported) so that Turbopack can
    // serialise the loader options across to its worker.
    remarkPlugins: [['remark-gfm', {}]],
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Static export to out/: no server code runs at run time.
  output: 'export',
  images: { unoptimized: true },
  trailingSlash: true,
  pageExtensions: ['ts', 'tsx', 'md', 'mdx'],
  reactStrictMode: true,
  // `npm run typecheck` (tsc over the whole project) checks types before every build in
  // `npm test`; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default withMDX(nextConfig);
