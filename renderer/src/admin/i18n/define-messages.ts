/** A feature's console messages: the same keys in Vietnamese and English. */
export interface MessageModule<K extends string = string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

type KeysOf<M> = M extends MessageModule<infer K> ? K : never;

/** One catalogue from the feature modules; a key defined twice is a mistake and stops the console. */
export function mergeMessages<const M extends readonly MessageModule[]>(...modules: M): { vi: Record<KeysOf<M[number]>, string>; en: Record<KeysOf<M[number]>, string> } {
  const vi: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const module of modules) {
    for (const key of Object.keys(module.vi)) {
      if (key in vi) throw new Error(`Console message ${key} is defined twice`);
      vi[key] = module.vi[key]!;
      en[key] = module.en[key]!;
    }
  }
  return { vi, en } as { vi: Record<KeysOf<M[number]>, string>; en: Record<KeysOf<M[number]>, string> };
}
