'use client';

/**
 * The elements of a capture: one per address:port, named by its address until the reader renames
 * it, with the kind its traffic suggests (sim/capture endpointsOf: user agent, proxy, registrar,
 * redirect server) and the reason, which the reader can change. Names become the ladder's lanes.
 */
import type { CaptureEndpoint, EndpointKind } from '@/sim/capture';
import { VirtualTable } from './VirtualTable';

export const KIND_NAMES: Record<EndpointKind, string> = {
  'user-agent': 'User agent',
  proxy: 'Proxy',
  registrar: 'Registrar',
  'redirect-server': 'Redirect server',
  unknown: 'Unknown',
};

export interface ElementListProps {
  endpoints: readonly CaptureEndpoint[];
  names: Readonly<Record<string, string>>;
  kinds: Readonly<Record<string, EndpointKind>>;
  onRename(address: string, name: string): void;
  onKind(address: string, kind: EndpointKind): void;
}

export function ElementList({ endpoints, names, kinds, onRename, onKind }: ElementListProps) {
  return (
    <section className="insp-panel" aria-labelledby="insp-elements-title">
      <div className="insp-panel-bar">
        <h2 id="insp-elements-title" className="insp-panel-title">
          Elements <span className="insp-muted">({endpoints.length})</span>
        </h2>
        <span className="insp-muted insp-small">Rename an address: the ladder uses the name.</span>
      </div>
      <VirtualTable
        caption="Elements: one per address and port"
        label="Elements"
        className="insp-elements"
        count={endpoints.length}
        estimate={40}
        head={
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Guessed from</th>
          </tr>
        }
        row={(i, props) => {
          const e = endpoints[i]!;
          const kind = kinds[e.address] ?? e.kind;
          return (
            <tr key={e.address} {...props}>
              <td className="insp-mono insp-cut" title={e.address}>
                {e.address}
              </td>
              <td>
                <input
                  type="text"
                  className="insp-input"
                  value={names[e.address] ?? e.address}
                  onChange={(ev) => onRename(e.address, ev.target.value)}
                  aria-label={`Name of ${e.address}`}
                  spellCheck={false}
                />
              </td>
              <td>
                <select
                  className="insp-input"
                  value={kind}
                  onChange={(ev) => onKind(e.address, ev.target.value as EndpointKind)}
                  aria-label={`Kind of ${e.address}`}
                >
                  {(Object.keys(KIND_NAMES) as EndpointKind[]).map((k) => (
                    <option key={k} value={k}>
                      {KIND_NAMES[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="insp-small insp-muted">
                {kind === e.kind ? e.why : `changed by you (guessed: ${KIND_NAMES[e.kind]})`}
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}
