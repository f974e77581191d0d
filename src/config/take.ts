/** Page sizes for one model once defaults apply. */
export interface TakeInput {
  readonly defaultTake?: number;
  readonly maxTake?: number;
}

/**
 * A model that only lowers `maxTake` gets a default page no larger than it, so
 * `{ maxTake: 10 }` works without also repeating `defaultTake`.
 */
export function effectiveTake(defaults: TakeInput, model: TakeInput): { defaultTake: number; maxTake: number } {
  const maxTake = model.maxTake ?? defaults.maxTake ?? 100;
  const globalDefault = defaults.defaultTake ?? 20;
  const defaultTake = model.defaultTake ?? Math.min(globalDefault, maxTake);
  return { defaultTake, maxTake };
}
