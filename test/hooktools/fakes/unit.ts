// ContextUnit: the unit's name, its effective config and the charm's config options.

import type { ConfigOption, ConfigValue, ContextUnit } from '../../../core/hook-context.js';

export function fakeUnit(
  unit: string,
  config: Record<string, ConfigValue> = {},
  options: Record<string, ConfigOption> = {},
): ContextUnit {
  return { unitName: () => unit, configSettings: () => ({ ...config }), configOptions: () => options };
}
