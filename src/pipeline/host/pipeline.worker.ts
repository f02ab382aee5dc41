/**
 * The pipeline worker: frame loop, compositing and output, off the page's main thread.
 * The page only forwards settings; no per-frame work happens there.
 */
import { DOMAdapter } from 'pixi.js';
import type { MessageEndpoint } from '../../shared/protocol.js';
import { servePipeline } from './pipeline-host.js';
import { workerDomAdapter } from './worker-dom-adapter.js';

DOMAdapter.set(workerDomAdapter);
// The project's types describe the page (`Window`); here `self` is the worker's global scope.
servePipeline(self as unknown as MessageEndpoint);
