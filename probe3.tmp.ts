import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkMessage, plainVerdict, textToWire, bytesToWire } from '@/sim/codec';
const dir = 'test/fixtures';
const files = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && /\.(sip|dat)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(f));
  const v = checkMessage(bytes);
  if (v.verdict === 'accept') continue;
  const p = plainVerdict(v, bytesToWire(bytes));
  console.log(path.basename(f), '|', v.reason.slice(0, 60), '\n   ', p.problem?.sentence);
}
