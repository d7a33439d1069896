export {
  loadOrCreateKey,
  openWithKey,
  sealWithKey,
  secretBoxFromKeyFile,
  type SecretBox,
} from './secret-box.js';
