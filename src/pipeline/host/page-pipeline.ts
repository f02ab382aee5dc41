/**
 * The pipeline host for pages whose workers have no WebGL2 (WebKit by default). It is built
 * like a worker script, as one self-contained module loaded only in those browsers, so the
 * page module stays free of pixi. Such a build keeps no exports, so importing it registers
 * `servePipeline` under a shared key instead.
 */
import { PAGE_PIPELINE, type ServePipeline } from '../../shared/protocol.js';
import { servePipeline } from './pipeline-host.js';

(globalThis as unknown as Record<symbol, ServePipeline>)[PAGE_PIPELINE] = servePipeline;
