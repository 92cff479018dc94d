'use client';

/**
 * "Export ladder": a format to choose (Text, SVG, PNG, Mermaid, PlantUML, pcap) and a button that
 * downloads the file, made in the browser (nothing is uploaded); "Save pcap" beside it. The ladder
 * and the pcap come from the caller (a simulation's trace, an opened capture's worker), asked for
 * only when a file is wanted.
 */
import { useId, useState } from 'react';
import type { Ladder } from '@/sim/export';
import { EXPORT_FORMATS, baseName, type ExportFile, type ExportFormat } from './export-formats';
import './export.css';

export interface ExportLadderProps {
  /** The ladder to export (called when a file is wanted). */
  ladder: () => Ladder | Promise<Ladder>;
  /** The messages as a pcap file. */
  pcap: () => Uint8Array | Promise<Uint8Array>;
  /** Names the pcap file ("registration" → registration.pcap). */
  title: string;
}

function download(file: ExportFile | { name: string; blob: Blob }): void {
  const blob =
    'blob' in file ? file.blob : new Blob([file.contents as BlobPart], { type: file.type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the next task; the URL can go then.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The SVG drawn at twice its size into a canvas, as a PNG. */
async function pngOf(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const scale = Math.min(2, 16000 / Math.max(img.naturalWidth, img.naturalHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw into a canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('the ladder is too large for a PNG'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ExportLadder({ ladder, pcap, title }: ExportLadderProps) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('text');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  async function run(what: ExportFormat) {
    setBusy(true);
    setError(undefined);
    try {
      if (what === 'pcap') {
        download({
          name: `${baseName(title)}.pcap`,
          type: 'application/vnd.tcpdump.pcap',
          contents: await pcap(),
        });
      } else {
        // The renderers load with the first export, not with the page.
        const [l, files] = await Promise.all([ladder(), import('./export-files')]);
        if (l.rows.length === 0) throw new Error('there are no messages to draw yet');
        if (what === 'png')
          download({ name: `${baseName(l.title)}.png`, blob: await pngOf(files.toSvg(l)) });
        else download(files.ladderFile(l, what));
      }
    } catch (e) {
      setError(`The file could not be made: ${e instanceof Error ? e.message : String(e)}.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-ladder" role="group" aria-label="Export">
      <label htmlFor={`${id}-format`}>Format</label>
      <select
        id={`${id}-format`}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </select>
      <button type="button" className="export-button" disabled={busy} onClick={() => run(format)}>
        Export ladder
      </button>
      <button type="button" className="export-button" disabled={busy} onClick={() => run('pcap')}>
        Save pcap
      </button>
      {error ? (
        <p className="export-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
