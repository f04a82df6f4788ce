import { createLabelResolver, type LabelResolver } from "../workbook-import/resolve-label";

type Tracks = readonly { id: string; name: { th: string; en: string } }[];

const resolvers = new WeakMap<Tracks, LabelResolver>();

/**
 * The track a label names: its id exactly, else its id, English or Thai name as labels are read
 * (case, spaces and Thai digits aside). The one reading of a track's label, for the engine
 * (an application's `track`), the add-in's cells (sent as written) and the workbook import's
 * Track column. Undefined for anything else; the schema refuses tracks whose labels collide
 * (structure-checks.ts), so no label can mean two.
 */
export function trackOfLabel(label: unknown, tracks: Tracks | undefined): string | undefined {
  if (tracks === undefined || typeof label !== "string") return undefined;
  const text = label.trim();
  const exact = tracks.find((track) => track.id === text);
  if (exact !== undefined) return exact.id;
  let resolver = resolvers.get(tracks);
  if (resolver === undefined) {
    resolver = createLabelResolver(tracks, { ambiguous: "unresolved" });
    resolvers.set(tracks, resolver);
  }
  return resolver(text);
}
