export { createFileStore, type FileStore } from './file-store.js';
