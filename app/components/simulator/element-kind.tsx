/** How each kind of element is named and drawn: a short badge, a word for it, and a small icon. */
import type { ElementKind } from '@/sim/elements';

export const KIND_LABELS: Record<ElementKind, { name: string; badge: string }> = {
  'user-agent': { name: 'User agent', badge: 'UA' },
  'stateful-proxy': { name: 'Stateful proxy', badge: 'Proxy' },
  'stateless-proxy': { name: 'Stateless proxy', badge: 'Proxy' },
  registrar: { name: 'Registrar', badge: 'Reg' },
  'redirect-server': { name: 'Redirect server', badge: '3xx' },
  'presence-server': { name: 'Presence server', badge: 'Pres' },
};

const PATHS: Record<ElementKind, string> = {
  // A handset.
  'user-agent':
    'M7 3h4l1.5 4-2.5 1.5a11 11 0 0 0 5.5 5.5L17 11.5l4 1.5v4a2 2 0 0 1-2 2A16 16 0 0 1 5 5a2 2 0 0 1 2-2Z',
  // Two arrows through a box: forwarding.
  'stateful-proxy': 'M4 5h16v14H4Z M7 10h8l-2-2 M17 14H9l2 2',
  'stateless-proxy': 'M4 5h16v14H4Z M7 12h10l-3-3 M17 12l-3 3',
  // A database: the location service.
  registrar:
    'M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3v12c0 1.7-3.1 3-7 3s-7-1.3-7-3Z M5 6c0 1.7 3.1 3 7 3s7-1.3 7-3 M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3',
  // A bent arrow: "try there instead".
  'redirect-server': 'M4 18V9a3 3 0 0 1 3-3h10 M14 3l3 3-3 3 M4 5h0',
  // A person with a status dot.
  'presence-server':
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6 M18 8a2 2 0 1 0 0.01 0',
};

export function KindIcon({ kind, size = 18 }: { kind: ElementKind; size?: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      className="sim-kind-icon"
    >
      <path
        d={PATHS[kind]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
