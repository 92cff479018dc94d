'use client';
/** <PredictNext> for lessons, with the simulation code loaded only on pages that use it. */
import dynamic from 'next/dynamic';

export const LazyPredictNext = dynamic(() => import('./PredictNext').then((m) => m.PredictNext), {
  ssr: false,
  loading: () => <p className="sim-loading">Loading the simulation…</p>,
});
