/**
 * `npm run bench:codec` (add `-- --quick` for a smoke run): our SIP codec against JsSIP, SIP.js,
 * `sip` and drachtio-sip. Prints markdown to stdout and writes bench/results/codec.md.
 * What is measured and how: bench/codec-run.ts (sections), bench/harness.ts (timing), bench/peers.ts
 * (how each peer is driven), bench/corpus.ts (inputs), bench/codec-bundle.ts (the bundled build).
 */
import * as codec from '../sim/codec';
import { loadBundledCodec, type CodecModule } from './codec-bundle';
import { runBenchmark, type OurCodec } from './codec-run';

function adapter(c: CodecModule): OurCodec {
  const { checkMessage, parseMessage, readCommonFields, validateMessage } = c;
  let validationFailures = 0;
  return {
    parse: (input) => parseMessage(input),
    parseRead: (input) => readCommonFields(parseMessage(input)),
    fair(input) {
      const m = parseMessage(input);
      if (validateMessage(m) !== null) validationFailures++;
      return readCommonFields(m);
    },
    check: (input) => checkMessage(input),
    validationFailures: () => validationFailures,
  };
}

const bundled = loadBundledCodec();

runBenchmark(
  adapter(codec),
  'skipped' in bundled
    ? bundled
    : { codec: adapter(bundled.codec), description: bundled.description },
).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
