import Link from 'next/link';
import { ContinueCourse } from '@/app/components/lesson/ContinueCourse';
import { LessonList } from '@/app/components/lesson/LessonList';
import { courseEntries } from '@/app/learn/course';

const SECTIONS = [
  {
    href: '/learn/',
    title: 'Lessons',
    text: 'Short lessons on RFC 3261, each with a live network beside it.',
  },
  {
    href: '/playground/',
    title: 'Playground',
    text: 'Put phones, proxies and registrars on a network and place calls between them.',
  },
  {
    href: '/message-lab/',
    title: 'Message lab',
    text: 'Write or paste a SIP message and see how it parses, header by header.',
  },
  {
    href: '/practice/',
    title: 'Be the element',
    text: 'Write the next message yourself — as a phone, a proxy or a registrar — and watch it play.',
  },
  {
    href: '/inspect/',
    title: 'Inspect a capture',
    text: 'Open a pcap of real SIP traffic: its calls as a ladder, each line explained, and an RFC check.',
  },
  {
    href: '/labs/',
    title: 'Labs',
    text: 'Exercises with a goal: make the call go through, or find what breaks it.',
  },
] as const;

export default function HomePage() {
  const lessons = courseEntries();
  return (
    <>
      <h1>Learn SIP, one message at a time</h1>
      <p className="lead">
        SIP Lab is an interactive simulator of a SIP network that runs in your browser, beside
        lessons. You learn the Session Initiation Protocol (RFC 3261) by stepping through a
        simulated network message by message: REGISTER, INVITE, 180 Ringing, 200 OK, ACK and BYE,
        and what each user agent and proxy does with them.
      </p>
      <ContinueCourse lessons={lessons} />
      <ul className="cards">
        {SECTIONS.map(({ href, title, text }) => (
          <li key={href} className="card">
            <h2>
              <Link href={href}>{title}</Link>
            </h2>
            <p>{text}</p>
          </li>
        ))}
      </ul>
      <h2 id="course">The course</h2>
      <LessonList lessons={lessons} />
    </>
  );
}
