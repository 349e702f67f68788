import { Firestore } from '@google-cloud/firestore';
import { locateFirestoreEmulator, startFirestoreEmulator } from './libs/adapters/firestore/src/testing/index.js';
import { startGrpcProxy, GRPC_STATUS } from './tools/src/tcp-proxy/index.js';

const loc = locateFirestoreEmulator();
if (!loc.found) throw new Error('no emu');
let t = Date.now();
const emu = await startFirestoreEmulator({ executable: loc.executable });
console.log('emu start ms', Date.now() - t);
const proxy = await startGrpcProxy({ target: emu.host });
process.env.FIRESTORE_EMULATOR_HOST = proxy.host;
const db = new Firestore({ projectId: 'demo-x' });
process.env.FIRESTORE_EMULATOR_HOST = emu.host;
const direct = new Firestore({ projectId: 'demo-x' });
try {
  t = Date.now();
  await db.collection('a').doc('b').set({ x: 1, s: 'RUNNING' });
  console.log('set via proxy', Date.now() - t, (await direct.collection('a').doc('b').get()).data());
  let n = 0;
  proxy.intercept((call) => {
    if (call.method === 'Commit' && n++ < 2) return { type: 'fail', code: GRPC_STATUS.UNAVAILABLE, message: 'down' };
    return { type: 'forward' };
  });
  t = Date.now();
  await db.collection('a').doc('b').update({ x: 2 });
  console.log('update after 2 unavailable', Date.now() - t, (await direct.collection('a').doc('b').get()).data());
  proxy.intercept((call) => call.method === 'Commit' ? { type: 'fail', code: GRPC_STATUS.PERMISSION_DENIED, message: 'nope' } : { type: 'forward' });
  await db.collection('a').doc('b').update({ x: 3 }).catch((e) => console.log('denied:', e.code, e.message));
  proxy.intercept((call) => call.method === 'BatchGetDocuments' ? { type: 'fail', code: GRPC_STATUS.UNAVAILABLE, message: 'down' } : { type: 'forward' });
  t = Date.now();
  const timer = setTimeout(() => proxy.intercept(undefined), 3000);
  console.log('get during 3 s outage', (await db.collection('a').doc('b').get()).data(), Date.now() - t);
  clearTimeout(timer);
  proxy.intercept((call) => call.method === 'BatchGetDocuments' ? { type: 'fail', code: GRPC_STATUS.UNAVAILABLE, message: 'down' } : { type: 'forward' });
  t = Date.now();
  await db.collection('a').doc('b').get().catch((e) => console.log('get gave up', e.code, Date.now() - t));
  proxy.intercept((call) => call.method === 'Commit' ? { type: 'fail', code: GRPC_STATUS.UNAVAILABLE, message: 'down' } : { type: 'forward' });
  t = Date.now();
  const timer2 = setTimeout(() => console.log('commit still retrying after 20s'), 20000);
  await Promise.race([db.collection('a').doc('b').update({ x: 4 }).catch((e) => console.log('commit gave up', e.code, Date.now() - t)), new Promise(r => setTimeout(r, 25000))]);
  clearTimeout(timer2);
  console.log(proxy.calls.length);
} finally {
  await db.terminate(); await direct.terminate(); await proxy.close(); await emu.stop();
}
