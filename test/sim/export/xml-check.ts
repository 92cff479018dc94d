/**
 * A small XML 1.0 well-formedness check for the SVG export's tests: one root element, tags nested
 * and closed, attributes quoted and not repeated, only the five predefined entities and character
 * references, no "<" or "&" loose in text. Returns the problems found (empty when well-formed) and
 * the elements, for structure checks.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

export function checkXml(source: string): { problems: string[]; root: XmlElement | undefined } {
  const problems: string[] = [];
  let i = 0;
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) return { problems: ['XML declaration is not closed'], root: undefined };
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const text = (s: string, where: number) => {
    for (let k = 0; k < s.length; k++) {
      if (s[k] === '<') problems.push(`"<" in text at ${where + k}`);
      if (s[k] === '&' && !ENTITY.test(s.slice(k))) problems.push(`bad entity at ${where + k}`);
      const c = s.charCodeAt(k);
      if (c < 0x20 && c !== 9 && c !== 10 && c !== 13)
        problems.push(`control character ${c} at ${where + k}`);
    }
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const chunk = lt < 0 ? source.slice(i) : source.slice(i, lt);
    if (stack.length === 0 && chunk.trim() !== '') problems.push(`text outside the root at ${i}`);
    text(chunk, i);
    if (stack.length > 0) stack[stack.length - 1]!.text += chunk;
    if (lt < 0) break;
    const gt = source.indexOf('>', lt);
    if (gt < 0) {
      problems.push(`tag at ${lt} is not closed`);
      break;
    }
    const tag = source.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('!--')) {
      const end = source.indexOf('-->', lt);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name)
        problems.push(`</${name}> at ${lt} closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = NAME.exec(body);
    if (nameMatch === null) {
      problems.push(`bad tag name at ${lt}`);
      continue;
    }
    const element: XmlElement = { name: nameMatch[0], attributes: {}, text: '', children: [] };
    let rest = body.slice(nameMatch[0].length);
    const ATTR = /^\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/;
    for (;;) {
      const m = ATTR.exec(rest);
      if (m === null) break;
      if (m[1]! in element.attributes) problems.push(`attribute ${m[1]} repeated at ${lt}`);
      const value = m[3] ?? m[4] ?? '';
      text(value, lt);
      element.attributes[m[1]!] = value;
      rest = rest.slice(m[0].length);
    }
    if (rest.trim() !== '')
      problems.push(`cannot read attributes "${rest.trim().slice(0, 30)}" at ${lt}`);
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root === undefined) root = element;
    else problems.push(`second root element at ${lt}`);
    if (!selfClosing) stack.push(element);
  }
  for (const open of stack) problems.push(`<${open.name}> is never closed`);
  if (root === undefined) problems.push('no root element');
  return { problems, root };
}

/** Every element below (and including) `e`, depth first. */
export function allElements(e: XmlElement): XmlElement[] {
  return [e, ...e.children.flatMap(allElements)];
}
