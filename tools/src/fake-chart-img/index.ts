export { hashKey, startFakeChartImg } from './fake-chart-img.js';
export type { FakeAccount, FakeCall, FakeChartImg, FakeChartImgOptions, FakeFault } from './fake-chart-img-types.js';
export { echoKey, isKeyEchoForm, KEY_ECHO_FORMS, type KeyEchoForm } from './echo-key.js';
