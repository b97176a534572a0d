import type { TrendValue } from './period-table-schema.js';

/** How each trend is shown, strongest rise first: the arrow, and the words that explain it. */
export const trendArrows: Record<TrendValue, { arrow: string; label: string }> = {
  up: { arrow: '↑', label: 'rising' },
  'up-slight': { arrow: '↗', label: 'slightly rising' },
  flat: { arrow: '→', label: 'stable' },
  'down-slight': { arrow: '↘', label: 'slightly declining' },
  down: { arrow: '↓', label: 'declining' },
};
