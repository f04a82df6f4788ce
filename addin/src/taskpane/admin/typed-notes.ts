/**
 * What an admin has typed into the proposals list's reason fields, carried over when the list
 * is built again (a sign-in or a refresh may build it more than once, a language switch builds
 * it anew): a rebuild must not drop a reason being typed, nor the focus in it. Only for the same
 * person: another admin signing in starts with empty fields.
 */
export interface TypedNotes {
  person: string | undefined;
  notes: Map<string, string>;
  /** The proposal whose field had the focus, with the caret. */
  focused?: { id: string; start: number | null; end: number | null };
}

const NOTE = ".proposal-note";

/** Reads the reasons typed in the list as it stands, by proposal id. */
export function readTypedNotes(box: HTMLElement, person: string | undefined): TypedNotes {
  const typed: TypedNotes = { person, notes: new Map() };
  for (const item of box.querySelectorAll<HTMLElement>(".proposal[data-id]")) {
    const note = item.querySelector<HTMLInputElement>(NOTE);
    const id = item.dataset.id;
    if (!note || id === undefined) continue;
    if (note.value !== "") typed.notes.set(id, note.value);
    if (document.activeElement === note)
      typed.focused = { id, start: note.selectionStart, end: note.selectionEnd };
  }
  return typed;
}

/** Puts them back into the rebuilt list, for the proposals still in it. */
export function restoreTypedNotes(
  box: HTMLElement,
  typed: TypedNotes,
  person: string | undefined
): void {
  if (typed.person !== person) return;
  for (const item of box.querySelectorAll<HTMLElement>(".proposal[data-id]")) {
    const note = item.querySelector<HTMLInputElement>(NOTE);
    const id = item.dataset.id;
    if (!note || id === undefined) continue;
    const text = typed.notes.get(id);
    if (text !== undefined && note.value === "") note.value = text;
    if (typed.focused?.id === id) {
      note.focus();
      note.setSelectionRange(typed.focused.start, typed.focused.end);
    }
  }
}
