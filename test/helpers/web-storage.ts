/**
 * The browser's localStorage for code tested in Node (Node 20 has none), as the HTML standard's
 * Storage interface defines it ("Web storage", §12.2.1): getItem gives null for a key never set;
 * values are strings; key(n) and length enumerate; setItem throws a "QuotaExceededError"
 * DOMException when the value would not fit. The quota counts UTF-16 code units of keys and
 * values, as browsers do (about 5 M per origin); a test gives a small one to fill it.
 */
export class WebStorageStandIn implements Pick<
  Storage,
  "getItem" | "setItem" | "removeItem" | "key" | "length"
> {
  private readonly items = new Map<string, string>();

  constructor(private readonly quota = 5_000_000) {}

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(String(key)) ?? null;
  }

  setItem(key: string, value: string): void {
    const name = String(key);
    const text = String(value);
    const used = [...this.items].reduce(
      (sum, [other, stored]) => (other === name ? sum : sum + other.length + stored.length),
      0
    );
    if (used + name.length + text.length > this.quota)
      throw new DOMException("the storage quota is exceeded", "QuotaExceededError");
    this.items.set(name, text);
  }

  removeItem(key: string): void {
    this.items.delete(String(key));
  }
}
