import type { MDXComponents } from 'mdx/types';
import { LazyBeTheElement as BeTheElement } from '@/app/practice/LazyBeTheElement';
import { LessonSimulator } from '@/app/components/lesson/LessonSimulator';
import { LazyPredictNext as PredictNext } from '@/app/components/lesson/LazyPredictNext';
import { LessonLink } from '@/app/components/lesson/LessonLink';
import { Quiz } from '@/app/components/lesson/Quiz';
import { Rfc } from '@/app/components/lesson/Rfc';
import { Term } from '@/app/components/lesson/Term';
import { slugify } from '@/app/learn/slugify';

function textOf(children: unknown): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(textOf).join('');
  if (children && typeof children === 'object' && 'props' in children) {
    return textOf((children as { props: { children?: unknown } }).props.children);
  }
  return '';
}

// Required by @next/mdx for the App Router: the components lessons may use, and ids on headings
// so the table of contents can link to them.
const components: MDXComponents = {
  Simulator: LessonSimulator,
  Quiz,
  PredictNext,
  Term,
  Rfc,
  BeTheElement,
  h2: ({ children }) => <h2 id={slugify(textOf(children))}>{children}</h2>,
  // A wide table scrolls inside its own box, so the page never scrolls sideways on a phone; the box
  // takes the focus so it can be scrolled with the keyboard too.
  table: ({ children }) => (
    <div className="table-scroll" role="region" aria-label="Table" tabIndex={0}>
      <table>{children}</table>
    </div>
  ),
  // Links between lessons follow the deployment's base path.
  a: LessonLink,
};

export function useMDXComponents(): MDXComponents {
  return components;
}
