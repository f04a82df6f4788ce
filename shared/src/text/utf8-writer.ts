/**
 * Text written straight into UTF-8 bytes, for answers of several MB (the evaluate answer): a
 * string built by `+=` is a rope that the socket must first flatten and then encode, which cost
 * the service as much as writing the text did. ASCII, which is nearly all of a JSON answer
 * (keys, numbers, ids), is copied a character at a time; anything else goes through the
 * platform's `TextEncoder` (WHATWG Encoding; a global in Node and in browsers).
 */
export class Utf8Writer {
  private buffer = new Uint8Array(0);
  private length = 0;

  /**
   * `capacity`: the bytes a buffer starts with; it grows when more are written, and after
   * `take()` the next starts at least as large as what was taken.
   */
  constructor(private capacity = 64 * 1024) {}

  /** How many bytes are written so far. */
  get size(): number {
    return this.length;
  }

  /** Text as it is (JSON already: a key, JSON.stringify's text); well-formed, as JSON.stringify's is. */
  text(text: string): void {
    const count = text.length;
    if (this.length + count > this.buffer.length) this.reserve(count);
    const buffer = this.buffer;
    let at = this.length;
    for (let index = 0; index < count; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        this.length = at;
        this.encode(text.slice(index));
        return;
      }
      buffer[at++] = code;
    }
    this.length = at;
  }

  /** Bytes that are already UTF-8 (text written once and remembered: `utf8Of`). */
  bytes(bytes: Uint8Array): void {
    const count = bytes.length;
    if (this.length + count > this.buffer.length) this.reserve(count);
    if (count > 32) this.buffer.set(bytes, this.length);
    else {
      // A few bytes (a key, a remembered part): a loop costs less than a call into `set`.
      const buffer = this.buffer;
      let at = this.length;
      for (let index = 0; index < count; index++) buffer[at++] = bytes[index];
    }
    this.length += count;
  }

  /** `JSON.stringify(text)`: written directly when nothing in it needs escaping or more than a byte. */
  jsonString(text: string): void {
    const count = text.length;
    if (this.length + count + 2 > this.buffer.length) this.reserve(count + 2);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = QUOTE;
    for (let index = 0; index < count; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code >= 0x7f || code === QUOTE || code === BACKSLASH) {
        this.text(JSON.stringify(text)); // escapes, or not ASCII: JSON.stringify's own text
        return;
      }
      buffer[at++] = code;
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  /**
   * `JSON.stringify(value)`: plain objects, arrays, strings, numbers, booleans and null written
   * here key by key (JSON.stringify builds and returns a string for each small object, which cost
   * more than all the rest of a result). A container holding anything else (a `toJSON`, a class
   * instance, a boxed value, a BigInt, nesting past a few levels) is written by JSON.stringify
   * itself, whole, so that a `toJSON` still gets its own key: the text is always its text.
   */
  json(value: unknown): void {
    if (!this.writeDirectly(value, 0)) this.text(JSON.stringify(value));
  }

  /** Writes `value` and returns true, or writes nothing and returns false: it is not plain data. */
  private writeDirectly(value: unknown, depth: number): boolean {
    if (typeof value === "string") this.jsonString(value);
    else if (typeof value === "number") this.jsonNumber(value);
    else if (typeof value === "boolean") this.text(value ? "true" : "false");
    else if (value === null) this.text("null");
    else if (depth >= MAX_DIRECT_DEPTH) return false;
    else if (isPlainArray(value)) {
      const start = this.length;
      this.text("[");
      for (let index = 0; index < value.length; index++) {
        if (index > 0) this.text(",");
        const item: unknown = value[index];
        // JSON.stringify writes null for what it cannot write in an array.
        if (item === undefined || typeof item === "function" || typeof item === "symbol")
          this.text("null");
        else if (!this.writeDirectly(item, depth + 1)) return this.writeWhole(value, start);
      }
      this.text("]");
    } else if (isPlainObject(value)) {
      const start = this.length;
      this.text("{");
      let first = true;
      // Object.keys: the own enumerable string keys, in JSON.stringify's order.
      const keys = Object.keys(value);
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index];
        const item: unknown = value[key];
        // ... and leaves out a property it cannot write.
        if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
        if (!first) this.text(",");
        first = false;
        this.bytes(keyBytes(key));
        if (!this.writeDirectly(item, depth + 1)) return this.writeWhole(value, start);
      }
      this.text("}");
    } else return false;
    return true;
  }

  /** What was written of `container` from `start` on is dropped, and JSON.stringify writes it. */
  private writeWhole(container: object, start: number): true {
    this.length = start;
    this.text(JSON.stringify(container));
    return true;
  }

  /** A number as JSON.stringify writes it (null when not finite); small integers digit by digit. */
  jsonNumber(value: number): void {
    if (!Number.isFinite(value)) this.text("null");
    else if (Number.isInteger(value) && value >= 0 && value < 1e9) {
      if (this.length + 9 > this.buffer.length) this.reserve(9);
      let digits = 1;
      for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
      const buffer = this.buffer;
      let rest = value;
      for (let at = this.length + digits - 1; at >= this.length; at--) {
        buffer[at] = 0x30 + (rest % 10);
        rest = Math.floor(rest / 10);
      }
      this.length += digits;
    } else this.text(String(value));
  }

  /**
   * What was written, as a view of the writer's buffer (not a copy, and alone on its
   * ArrayBuffer from its start, so a worker can transfer it); the writer goes on with a new
   * buffer when more is written.
   */
  take(): Uint8Array {
    const written = this.buffer.subarray(0, this.length);
    // The next piece is likely of this one's size (a chunk of results): start there.
    this.capacity = Math.max(this.capacity, this.length + (this.length >> 3));
    this.buffer = new Uint8Array(0);
    this.length = 0;
    return written;
  }

  private encode(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    if (this.length + 3 * text.length > this.buffer.length) this.reserve(3 * text.length);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  private reserve(more: number): void {
    const grown = new Uint8Array(
      Math.max(this.capacity, 2 * this.buffer.length, this.length + more)
    );
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** A text's UTF-8 bytes, for text written many times (`Utf8Writer.bytes`). */
export function utf8Of(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 bytes back to text. */
export function textOfUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_DIRECT_DEPTH = 8;
const OBJECT_PROTOTYPE = Object.prototype;
const ARRAY_PROTOTYPE = Array.prototype;

/** An object whose JSON is its own enumerable string keys (no `toJSON`, not a boxed primitive). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === OBJECT_PROTOTYPE &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

function isPlainArray(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    Object.getPrototypeOf(value) === ARRAY_PROTOTYPE &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

// `"key":` for each key written, encoded once.
const keysWritten = new Map<string, Uint8Array>();
function keyBytes(key: string): Uint8Array {
  let bytes = keysWritten.get(key);
  if (bytes === undefined) {
    bytes = encoder.encode(`${JSON.stringify(key)}:`);
    if (keysWritten.size < 1000) keysWritten.set(key, bytes);
  }
  return bytes;
}

// shared/ compiles against the ECMAScript library alone (no DOM, no Node types), so the two
// classes of the Encoding standard it uses are declared here as both platforms provide them.
declare const TextEncoder: new () => {
  encode(text: string): Uint8Array;
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
};
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };
const encoder = new TextEncoder();
const decoder = new TextDecoder();
