import type { Metadata } from 'next';
import { EXERCISE_GROUPS, listExercises } from '@/sim/exercise';
import { LESSONS } from '@/app/learn/lessons';
import { PracticeList, type ListedExercise } from './PracticeList';
import './practice.css';

export const metadata: Metadata = {
  title: 'Be the element — SIP Lab',
  description:
    'Write the next SIP message yourself: the simulation stops where an element is about to send, checks what you wrote part by part, and plays it in the network.',
};

export default function PracticePage() {
  const exercises: ListedExercise[] = listExercises().map((e) => {
    const lesson = LESSONS.find((l) => l.meta.slug === e.lesson);
    return { ...e, lessonTitle: lesson?.meta.title ?? e.lesson };
  });
  return (
    <>
      <h1>Be the element</h1>
      <p className="lead">
        The simulation runs until one element — a phone, a proxy, a registrar — is about to send a
        message, and stops. You see what that element knows at that moment; you write the message.
        Check compares it, part by part, with what the real element sends; Send it plays your
        message in the network so you can watch what it does. The values change with every attempt;
        your progress stays in this browser.
      </p>
      <PracticeList groups={EXERCISE_GROUPS} exercises={exercises} />
    </>
  );
}
