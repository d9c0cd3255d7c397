// The packs a school can use: the shipped files in resources/packs plus any the school imported, validated and
// with borrowing resolved, and the school's own checked contact details laid over the shipped ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatJsonPath, loadPackLibrary, validatePack, withLadoSlots, type PackError, type ResolvedPack } from '../../../shared/thresholds';
import type { Store } from '../store';

/**
 * The nearest resources/packs above this module: the source tree's, the bundled Electron main process's
 * (build/electron) and an installed app's (the resources folder that holds app.asar) are all found this way.
 * Missing packs are an error, never an empty list: a DSL must not be shown "no thresholds" for their council.
 */
function findShippedPacksDir(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'packs');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(`The local-authority packs that come with the app are missing: there is no resources/packs folder above ${start}. Reinstall the app.`);
    }
  }
}

export class PackFileError extends Error {
  constructor(
    message: string,
    readonly errors: PackError[],
  ) {
    super(message);
  }
}

interface ShippedFile {
  fileName: string;
  json: unknown;
}

const shippedCache = new Map<string, ShippedFile[]>();

/** Reads the shipped packs once per folder; a broken shipped file is a build error, so it throws with its name. */
export function readShippedPacks(dir: string = findShippedPacksDir()): ShippedFile[] {
  const cached = shippedCache.get(dir);
  if (cached) return cached;
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const packs = files.map((fileName) => {
    try {
      return { fileName, json: JSON.parse(fs.readFileSync(path.join(dir, fileName), 'utf8')) as unknown };
    } catch (error) {
      throw new Error(`The shipped pack ${fileName} is not valid JSON: ${(error as Error).message}`);
    }
  });
  shippedCache.set(dir, packs);
  return packs;
}

interface ContactOverride {
  pack_id: string;
  contact_id: string;
  phone: string | null;
  email: string | null;
  note: string | null;
  verified_on: string | null;
}

export interface LoadedPack {
  pack: ResolvedPack;
  origin: 'shipped' | 'imported';
  fileName: string;
}

/** Validation and resolution take a few milliseconds per pack, so results are kept per open store until a change. */
const loadedCache = new WeakMap<Store, Map<string, LoadedPack>>();

export function invalidatePacks(db: Store): void {
  loadedCache.delete(db);
}

export function loadPacks(db: Store, dir?: string): Map<string, LoadedPack> {
  const cached = dir === undefined ? loadedCache.get(db) : undefined;
  if (cached) return cached;
  const shipped = readShippedPacks(dir);
  const imported = db.prepare('SELECT id, file_name, json FROM imported_packs ORDER BY imported_at').all() as Array<{ id: string; file_name: string; json: string }>;
  const sources = [...shipped.map((file) => ({ ...file, origin: 'shipped' as const })), ...imported.map((row) => ({ fileName: row.file_name, json: JSON.parse(row.json) as unknown, origin: 'imported' as const }))];
  const library = loadPackLibrary(sources.map((source) => source.json));
  const overrides = db.prepare('SELECT * FROM pack_contact_overrides').all() as ContactOverride[];
  const loaded = new Map<string, LoadedPack>();
  sources.forEach((source) => {
    const id = (source.json as { id?: unknown }).id;
    const pack = typeof id === 'string' ? library.packs.get(id) : undefined;
    if (!pack || loaded.has(pack.id)) return;
    const mine = overrides.filter((override) => override.pack_id === pack.id);
    // Each council's LADO slot is added before the school's own details, so a slot is filled in like any contact.
    const contacts = withLadoSlots(pack).map((contact) => {
      const override = mine.find((candidate) => candidate.contact_id === contact.id);
      if (!override) return contact;
      return {
        ...contact,
        ...(override.phone ? { phone: override.phone } : {}),
        ...(override.email ? { email: override.email } : {}),
        ...(override.note ? { note: override.note } : {}),
        verifiedOn: override.verified_on ?? contact.verifiedOn,
      };
    });
    loaded.set(pack.id, { pack: { ...pack, contacts }, origin: source.origin, fileName: source.fileName });
  });
  if (dir === undefined) loadedCache.set(db, loaded);
  return loaded;
}

/** Validates an uploaded pack (and its borrowing against the packs already known) before anything is stored. */
export function checkImportedPack(db: Store, fileName: string, text: string, dir?: string): { id: string; json: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new PackFileError(`${fileName} is not valid JSON: ${message}`, [{ path: '(file)', message }]);
  }
  const validation = validatePack(json);
  if (!validation.ok) {
    throw new PackFileError(`${fileName} is not a valid pack: ${validation.errors.length} problem${validation.errors.length === 1 ? '' : 's'}, the first at ${validation.errors[0]!.path}.`, validation.errors);
  }
  const existing = loadPacks(db, dir);
  if (existing.get(validation.pack.id)?.origin === 'shipped') {
    throw new PackFileError(`${fileName} has the id "${validation.pack.id}", which a shipped pack already uses. Give it another id.`, [{ path: formatJsonPath(['id']), message: 'This id is taken by a shipped pack' }]);
  }
  const library = loadPackLibrary([...readShippedPacks(dir).map((file) => file.json), json]);
  const problem = library.problems.find((entry) => entry.packId === validation.pack.id);
  if (problem) throw new PackFileError(`${fileName} refers to something that does not exist, first at ${problem.errors[0]!.path}.`, problem.errors);
  return { id: validation.pack.id, json };
}
