/**
 * Showing codec strings to people. Message content is a wire string (one character per byte, see
 * sim/codec/wire.ts), while the codec's own words are ordinary text ("§", "…"); error messages mix
 * both (a problem quotes the byte it found). displayText decodes each run of bytes 0x80–0xFF that is
 * valid UTF-8 and leaves any other character as it is.
 */
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

export function displayText(s: string): string {
  return s.replace(/[\u0080-\u00ff]+/g, (run) => {
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) bytes[i] = run.charCodeAt(i);
    try {
      return fatalUtf8.decode(bytes);
    } catch {
      return run;
    }
  });
}

/** displayText for a terminal: control characters other than tab shown as \r, \n or \xNN. */
export function printable(s: string): string {
  return displayText(s).replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 13) return '\\r';
    if (code === 10) return '\\n';
    return `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
