// The lessons' MDX modules export their metadata next to the component (content/lessons/*.mdx).
declare module '*.mdx' {
  export const meta: {
    title: string;
    slug: string;
    order: number;
    summary: string;
    rfc?: string[];
  };
}
