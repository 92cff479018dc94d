import type { Metadata } from 'next';
import Link from 'next/link';
import { labChecks } from '@/sim/lab';
import { sealedBuiltinLabs } from '@/sim/lab/builtin';
import { labPoints } from './lab-model';
import { SavedLabs } from './SavedLabs';
import './labs.css';

export const metadata: Metadata = {
  title: 'Labs',
  description:
    'SIP labs: a simulated network with tasks checked on the simulation’s own trace. Solve them in the browser, or build your own and share it as a link.',
};

export default function LabsPage() {
  const labs = sealedBuiltinLabs();
  return (
    <div className="lab-index">
      <h1>Labs</h1>
      <p className="lead">
        A lab is a simulated SIP network with tasks. Change what the lab lets you change, run it,
        answer its questions, and press “Check my work”: every check runs on the simulation’s own
        trace. Instructors build labs in the <Link href="/labs/build/">lab builder</Link>, share
        them as a link, and grade the students’ submission files on the{' '}
        <Link href="/labs/grade/">Grade page</Link>.
      </p>
      <h2>Built-in labs</h2>
      <ul className="lab-list">
        {labs.map((lab) => {
          const points = labPoints(lab);
          const checks = labChecks(lab).length;
          return (
            <li key={lab.id} className="card lab-list-item">
              <h3>
                <Link href={`/labs/${lab.id}/`}>{lab.title}</Link>
              </h3>
              <p>{lab.summary}</p>
              <p className="lab-meta">
                By {lab.author} · {lab.tasks.length} task{lab.tasks.length === 1 ? '' : 's'} ·{' '}
                {checks} check{checks === 1 ? '' : 's'} · {points} point{points === 1 ? '' : 's'}
              </p>
            </li>
          );
        })}
      </ul>
      <SavedLabs />
    </div>
  );
}
