import { choiceInput, integerInput } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { volumeProfile } from './volume-profile.js';

/** Volume Profile Visible Range (`rows`, `volume`, `vaVolume`): a horizontal histogram along the price pane's right side. */
export const volumeProfileVisibleRange = defineStudy({ name: 'Volume Profile Visible Range', placement: 'overlay', onPriceScale: true }, (study) => {
  const rows = integerInput(study, 'rows', 24);
  const split = choiceInput(study, 'volume', ['Up/Down', 'Total'] as const, 'Up/Down');
  const valueArea = integerInput(study, 'vaVolume', 70);
  return {
    legend: `VPVR ${rows} ${split} ${valueArea}`,
    draw({ candles, visibleFrom, visibleTo, palette }) {
      const profile = volumeProfile(candles.slice(visibleFrom, visibleTo), rows, Math.min(valueArea, 100));
      const profileRows = split === 'Total' ? profile.rows.map((row) => ({ ...row, up: row.up + row.down, down: 0 })) : profile.rows;
      return {
        series: [
          {
            kind: 'volume-profile',
            name: 'VPVR',
            rows: profileRows,
            pocPrice: profile.pocPrice,
            upColor: palette.up,
            downColor: palette.down,
            pocColor: '#ff5252',
          },
        ],
        lastValues: [profile.pocPrice],
      };
    },
  };
});
