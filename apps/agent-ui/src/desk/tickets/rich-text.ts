/**
 * The reply editor's HTML, normalised from whatever contenteditable produced: only the markup the
 * toolbar offers (strong, em, a, ul/ol/li, code, p, br), browser variants mapped onto it (b → strong,
 * i → em, div → p), everything else unwrapped to its text. Desk sanitises again on the server; this
 * keeps what agents send predictable and what they see equal to what is stored.
 */

/** The parts of a DOM node the normaliser reads (so it runs on real DOM nodes and in tests). */
export interface NodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<NodeLike>;
  getAttribute?(name: string): string | null;
}

const TEXT = 3;
const ELEMENT = 1;

const INLINE: Record<string, string> = { B: 'strong', STRONG: 'strong', I: 'em', EM: 'em', CODE: 'code' };
const BLOCK: Record<string, string> = { P: 'p', DIV: 'p', UL: 'ul', OL: 'ol', LI: 'li' };

const escapeText = (s: string) =>
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const escapeAttr = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A link target the editor keeps: http(s) and mailto only; anything else (javascript:, data:) is dropped. */
export function safeHref(raw: string | null | undefined): string | null {
  const href = (raw ?? '').trim();
  if (/^(https?:\/\/|mailto:)/i.test(href)) return href;
  // A bare domain typed into the link box ("example.com/x") is meant as a web address.
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(href)) return `https://${href}`;
  return null;
}

function children(node: NodeLike, inCode: boolean): string {
  let out = '';
  for (let i = 0; i < node.childNodes.length; i++) out += serialize(node.childNodes[i]!, inCode);
  return out;
}

function serialize(node: NodeLike, inCode: boolean): string {
  if (node.nodeType === TEXT) return escapeText((node.nodeValue ?? '').replace(/\u00a0/g, ' '));
  if (node.nodeType !== ELEMENT) return '';
  const name = node.nodeName.toUpperCase();
  if (name === 'BR') return '<br>';
  if (name === 'SCRIPT' || name === 'STYLE') return '';
  const inline = INLINE[name];
  if (inline) {
    // Formatting inside code is noise: code is shown verbatim.
    if (inCode) return children(node, true);
    const inner = children(node, inline === 'code');
    return inner === '' ? '' : `<${inline}>${inner}</${inline}>`;
  }
  if (name === 'A') {
    const href = safeHref(node.getAttribute?.('href'));
    const inner = children(node, inCode);
    if (!href || inner === '') return inner;
    return `<a href="${escapeAttr(href)}" rel="noopener noreferrer" target="_blank">${inner}</a>`;
  }
  const block = BLOCK[name];
  if (block) {
    const inner = children(node, inCode);
    if (block === 'p' && inner.replace(/<br>/g, '').trim() === '') return '';
    return `<${block}>${inner}</${block}>`;
  }
  return children(node, inCode);
}

/**
 * The editor root's content as clean HTML: top-level text runs are wrapped in paragraphs, empty
 * paragraphs dropped; '' when nothing but whitespace was typed.
 */
export function editorHtml(root: NodeLike): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (run.replace(/<br>/g, '').trim() !== '') out += `<p>${run.replace(/^(<br>)+|(<br>)+$/g, '')}</p>`;
    run = '';
  };
  for (let i = 0; i < root.childNodes.length; i++) {
    const child = root.childNodes[i]!;
    const name = child.nodeName.toUpperCase();
    if (child.nodeType === ELEMENT && BLOCK[name]) {
      flush();
      out += serialize(child, false);
    } else {
      run += serialize(child, false);
    }
  }
  flush();
  return out;
}

/** Plain text (e.g. pasted or typed into an empty editor) as paragraphs with line breaks. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== '')
    .map(
      (block) =>
        `<p>${escapeText(block).replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '<br>')}</p>`,
    )
    .join('');
}
