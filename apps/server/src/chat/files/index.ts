/** Uploaded files (attachments for message parts): upload routes, public downloads. */
export { fileRoutes } from './file.routes.js';
export { findChatFileByUrl } from './file-url.js';
export { filePart } from './file.presenter.js';
export type { FileRow } from './file.repository.js';
