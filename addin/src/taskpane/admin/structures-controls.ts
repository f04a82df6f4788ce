import type { StructureTexts } from "./structures-texts";
import type { Tristate } from "./structures-model";

/**
 * The structures form's building blocks: fields, check boxes, pickers, buttons, rows and
 * sections, each input carrying its field key (`data-key`) and an error line under it
 * (`data-slot`, see structures-form.ts).
 */
export const domId = (key: string) => `s-${key.replace(/\./g, "-")}`;

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The error line of a field, a row or a list. */
export function slot(key: string): HTMLElement {
  const line = element("p", "field-error");
  line.id = `${domId(key)}-error`;
  line.dataset.slot = key;
  return line;
}

/**
 * A labelled field. Names are text areas that wrap (a Thai name is often longer than a line at
 * a pane's width, and an input would clip it); Enter does not start a new line in them.
 * `placeholder`: what an empty field means (the ruleset's own value, which it keeps).
 */
export function field(
  key: string,
  label: string,
  value: string,
  kind: "text" | "number" | "id" | "name" = "text",
  placeholder?: string
): HTMLElement {
  const box = element("div", `field field-${kind}`);
  const input = kind === "name" ? element("textarea") : element("input");
  if (input instanceof HTMLTextAreaElement) {
    input.rows = 2;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  } else {
    input.type = kind === "number" ? "number" : "text";
    if (kind === "number") input.step = "any";
  }
  input.id = domId(key);
  input.dataset.key = key;
  if (kind === "id") {
    input.spellcheck = false;
    input.autocapitalize = "off";
  }
  if (placeholder !== undefined) input.placeholder = placeholder;
  input.value = value;
  input.setAttribute("aria-describedby", `${input.id}-error`);
  const caption = element("label", undefined, label);
  caption.htmlFor = input.id;
  box.append(caption, input, slot(key));
  return box;
}

export function checkbox(key: string, label: string, checked: boolean): HTMLElement {
  const box = element("div", "check");
  const input = element("input");
  input.type = "checkbox";
  input.id = domId(key);
  input.dataset.key = key;
  input.checked = checked;
  const caption = element("label", undefined, label);
  caption.htmlFor = input.id;
  box.append(input, caption);
  return box;
}

export function choice(
  key: string,
  label: string,
  value: string,
  options: [string, string][]
): HTMLElement {
  const box = element("div", "field field-choice");
  const select = element("select");
  select.id = domId(key);
  select.dataset.key = key;
  select.setAttribute("aria-describedby", `${select.id}-error`);
  select.append(...options.map(([option, text]) => new Option(text, option)));
  select.value = value;
  const caption = element("label", undefined, label);
  caption.htmlFor = select.id;
  box.append(caption, select, slot(key));
  return box;
}

export function button(
  action: string,
  label: string,
  at: number[] = [],
  name?: string
): HTMLElement {
  const node = element("button", "structure-button", label);
  node.type = "button";
  node.dataset.action = action;
  node.dataset.at = at.join(".");
  // A row's own name in the accessible name: "Remove this city type: New City".
  if (name) node.setAttribute("aria-label", `${label}: ${name}`);
  return node;
}

export function fields(...children: HTMLElement[]): HTMLElement {
  const box = element("div", "fields");
  box.append(...children);
  return box;
}

export function row(key: string, heading: string, ...children: HTMLElement[]): HTMLElement {
  const box = element("div", "structure-row");
  box.dataset.row = key;
  box.append(element("h4", undefined, heading), ...children, slot(key));
  return box;
}

export function section(
  key: string,
  title: string,
  help: string,
  ...children: HTMLElement[]
): HTMLElement {
  const box = element("fieldset", "structure");
  box.dataset.section = key;
  box.append(
    element("legend", undefined, title),
    element("p", "help", help),
    ...children,
    slot(key)
  );
  return box;
}

export const nameFields = (key: string, th: string, en: string, t: StructureTexts) => [
  field(`${key}.name.th`, t.nameTh, th, "name"),
  field(`${key}.name.en`, t.nameEn, en, "name"),
];

export const tristateOptions = (t: StructureTexts): [Tristate, string][] => [
  ["", t.inherit],
  ["yes", t.yes],
  ["no", t.no],
];
