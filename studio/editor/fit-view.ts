/**
 * Options for zooming to fit the whole workflow. React Flow fits only nodes it has measured unless
 * told to include "hidden" ones (then it uses their estimated size); on a big canvas nodes out of
 * view are never drawn, so never measured. The editor hides no nodes, so this counts every node.
 */
export const FIT_WHOLE_FLOW = { includeHiddenNodes: true } as const;
