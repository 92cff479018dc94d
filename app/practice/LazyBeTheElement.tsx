'use client';
/** <BeTheElement> for lessons, with the simulation code loaded only on pages that use it. */
import dynamic from 'next/dynamic';

export const LazyBeTheElement = dynamic(
  () => import('./BeTheElement').then((m) => m.BeTheElement),
  {
    ssr: false,
    loading: () => <p className="sim-loading">Loading the exercise…</p>,
  },
);
