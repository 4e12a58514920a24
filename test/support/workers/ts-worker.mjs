// Worker threads load JavaScript only: this entry registers tsx, then runs the TypeScript entry
// named in workerData, so tests can run worker code straight from src/.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
