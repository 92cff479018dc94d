import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { builtinLab, builtinLabIds } from '@/sim/lab';
import { BuiltinLab } from './BuiltinLab';

export const dynamicParams = false;

export function generateStaticParams(): { slug: string }[] {
  return builtinLabIds().map((slug) => ({ slug }));
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  const { slug } = await params;
  const lab = builtinLab(slug);
  return lab ? { title: lab.title, description: lab.summary } : {};
}

export default async function BuiltinLabPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lab = builtinLab(slug);
  if (!lab) notFound();
  return <BuiltinLab slug={slug} title={lab.title} summary={lab.summary} />;
}
