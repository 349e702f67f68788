export { aChartCall, anAccount, aReservation } from './a-chart-call.js';
export { pngOf } from './png-of.js';
