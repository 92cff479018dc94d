import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { builtinLabIds, builtinLegacyHash, sealedBuiltinLab } from '@/sim/lab/builtin';
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
  const lab = sealedBuiltinLab(slug);
  return lab ? { title: lab.title, description: lab.summary } : {};
}

/**
 * A built-in lab's page. The lab is read here, at build time, and handed to the page sealed: its right
 * answers are hashes and its reference solution stays in content/labs (sim/lab/answer-key.ts).
 */
export default async function BuiltinLabPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lab = sealedBuiltinLab(slug);
  if (!lab) notFound();
  const legacyHash = builtinLegacyHash(slug);
  return <BuiltinLab lab={lab} {...(legacyHash ? { legacyHash } : {})} />;
}
