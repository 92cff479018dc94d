import type { MDXComponents } from 'mdx/types';

// Required by @next/mdx for the App Router: maps MDX elements to React components.
// Lessons can override or extend these per page.
const components: MDXComponents = {};

export function useMDXComponents(): MDXComponents {
  return components;
}
