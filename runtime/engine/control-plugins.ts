/** The control constructs the engine interprets; hosts register them like any built-in plugin. */

import end from '../../plugins/core-end/index.ts';
import loop from '../../plugins/core-loop/index.ts';
import parallel from '../../plugins/core-parallel/index.ts';
import set from '../../plugins/core-set/index.ts';
import start from '../../plugins/core-start/index.ts';
import workflow from '../../plugins/core-workflow/index.ts';
import type { Plugin } from '../../registry/sdk/plugin.ts';

/** core/start, core/end, core/set, core/loop, core/parallel, core/workflow. */
export const controlPlugins: Plugin[] = [start, end, set, loop, parallel, workflow];
