import { averageDirectionalIndex } from './average-directional-index.js';
import { bollingerBands } from './bollinger-bands.js';
import { macd } from './macd.js';
import { movingAverageDouble } from './moving-average-double.js';
import { onBalanceVolume } from './on-balance-volume.js';
import { parabolicSar } from './parabolic-sar.js';
import { relativeStrengthIndex } from './relative-strength-index.js';
import { stochasticRsi } from './stochastic-rsi.js';
import type { StudyDefinition } from './study-definition.js';
import { volume } from './volume.js';
import { volumeProfileVisibleRange } from './volume-profile-visible-range.js';

/** Every study the local renderer draws, by its Chart-IMG name. */
export const STUDY_CATALOG: ReadonlyMap<string, StudyDefinition> = new Map(
  [
    movingAverageDouble,
    bollingerBands,
    macd,
    volume,
    parabolicSar,
    averageDirectionalIndex,
    relativeStrengthIndex,
    stochasticRsi,
    volumeProfileVisibleRange,
    onBalanceVolume,
  ].map((definition) => [definition.name, definition]),
);
