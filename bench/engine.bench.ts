export { benchEngine } from '../runtime/engine/engine.bench.ts';
