/** The convert dialog (I6, I7) and the Resolve choice that opens it; reused by Desk's chat panel. */
export { ConvertDialog, type ConvertDone } from './convert-dialog.js';
export { ResolveActions } from './resolve-actions.js';
