// The part of the Reflect metadata API that tsyringe (under @peculiar/x509) checks for and uses. Installed only where
// nothing else has provided it; see x509.ts for why this is not a package.
type MetadataKey = unknown;
type Target = object;

const store = new WeakMap<Target, Map<MetadataKey, unknown>>();

interface ReflectMetadata {
  getMetadata?: (key: MetadataKey, target: Target) => unknown;
  getOwnMetadata?: (key: MetadataKey, target: Target) => unknown;
  defineMetadata?: (key: MetadataKey, value: unknown, target: Target) => void;
}

const reflect = Reflect as typeof Reflect & ReflectMetadata;

if (typeof reflect.getMetadata !== 'function') {
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  reflect.getMetadata = (key, target) => {
    // Inherited like a prototype's property: the nearest definition wins.
    for (let current: Target | null = target; current; current = Object.getPrototypeOf(current) as Target | null) {
      const own = store.get(current);
      if (own?.has(key)) return own.get(key);
    }
    return undefined;
  };
  reflect.defineMetadata = (key, value, target) => {
    let own = store.get(target);
    if (!own) store.set(target, (own = new Map()));
    own.set(key, value);
  };
}
