/**
 * A worker job that fails the ways a real one can besides its own result: an exception thrown
 * from a timer, a rejection nobody handles, the thread exiting. Each carries data in its message.
 */
import { workerData } from 'node:worker_threads';
import { reportFromWorker } from '../../../src/main/workers/worker-job';

const { kind, secret } = workerData as { kind: string; secret: string };

reportFromWorker(async () => {
  if (kind === 'exception') {
    setTimeout(() => {
      throw Object.assign(new RangeError(`bad value ${secret}`), { code: 'ERR_OUT_OF_RANGE' });
    }, 5);
  }
  if (kind === 'rejection') void Promise.reject(new TypeError(`cannot read ${secret}`));
  if (kind === 'exit') process.exit(3);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return 'finished';
});
