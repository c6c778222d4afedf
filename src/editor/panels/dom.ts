/** A small element builder for the panels: text is always set as text, never parsed as HTML. */

export type Child = Node | string | number | null | undefined | false | Child[];

export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') el.className = String(value);
      else if (name === 'text') el.textContent = String(value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Text with `code` spans (the engine's messages use backticks): code becomes <code>, the rest stays text. */
export function codeText(text: string): Child[] {
  const out: Child[] = [];
  const parts = text.split('`');
  parts.forEach((part, i) => {
    if (part === '') return;
    // an unpaired last backtick is shown as written
    if (i % 2 === 1 && i < parts.length - 1) out.push(h('code', null, part));
    else out.push(i % 2 === 1 ? '`' + part : part);
  });
  return out;
}

export function code(text: string): HTMLElement {
  return h('code', null, text);
}

let counter = 0;
/** A page-unique id with a readable prefix. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Replaces an element's children (null, false and nested arrays are allowed, as in h()). */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}
