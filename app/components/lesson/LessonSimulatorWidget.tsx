'use client';
/** The lesson's simulator widget, loaded after the page is up (LessonSimulator resolves its scenario). */
import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import type { Simulator as SimulatorWidget } from '@/app/components/simulator/Simulator';

const Widget = dynamic(
  () => import('@/app/components/simulator/Simulator').then((m) => m.Simulator),
  {
    ssr: false,
    loading: () => <p className="sim-loading">Loading the simulation…</p>,
  },
);

export function LessonSimulatorWidget(props: ComponentProps<typeof SimulatorWidget>) {
  return (
    <figure className="lesson-sim">
      <Widget {...props} compact />
    </figure>
  );
}
