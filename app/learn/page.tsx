import type { Metadata } from 'next';
import { LessonList } from '@/app/components/lesson/LessonList';
import { courseEntries } from './course';

export const metadata: Metadata = { title: 'Lessons — SIP Lab' };

export default function LearnPage() {
  return (
    <>
      <h1>Lessons</h1>
      <p className="lead">
        Seventeen short lessons, in order, from what SIP is for to subscriptions and instant
        messages. Each has a live simulation to act on and ends with a self-check; your progress
        stays in this browser.
      </p>
      <LessonList lessons={courseEntries()} />
    </>
  );
}
