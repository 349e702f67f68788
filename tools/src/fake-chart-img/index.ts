export { hashKey, startFakeChartImg } from './fake-chart-img.js';
export type { FakeAccount, FakeCall, FakeChartImg, FakeChartImgOptions, FakeFault } from './fake-chart-img-types.js';
